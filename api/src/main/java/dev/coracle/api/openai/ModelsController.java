package dev.coracle.api.openai;

import dev.coracle.activities.config.ModelAliases;
import dev.coracle.api.chat.ModelDirectory;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /v1/models} and {@code GET /v1/models/{model}} in OpenAI's list format. Aliases that
 * name one model are listed as ids with {@code alias_for}; patterns such as {@code claude-*} cannot
 * be ids, so the list carries them all, in the order they are tried, in {@code coracle_aliases}.
 */
@Controller("/v1/models")
public class ModelsController {
  private final ModelDirectory directory;
  private final long created = Instant.now().getEpochSecond();

  public ModelsController(ModelDirectory directory) {
    this.directory = directory;
  }

  @Get
  public Map<String, Object> list() {
    List<Map<String, Object>> data = directory.entries().stream().map(this::model).toList();
    List<Map<String, String>> aliases =
        directory.aliases().stream().map(ModelsController::alias).toList();
    Map<String, Object> list = new LinkedHashMap<>();
    list.put("object", "list");
    list.put("data", data);
    list.put("coracle_aliases", aliases);
    return list;
  }

  // Provider model names contain '/', so the path variable must match across segments.
  @Get("/{+model}")
  public Map<String, Object> retrieve(@PathVariable String model) {
    return directory
        .find(model)
        .map(this::model)
        .orElseThrow(() -> OpenAiException.unknownModel(model));
  }

  private Map<String, Object> model(ModelDirectory.Entry entry) {
    Map<String, Object> model = new LinkedHashMap<>();
    model.put("id", entry.id());
    model.put("object", "model");
    model.put("created", created);
    model.put("owned_by", entry.ownedBy());
    if (entry.aliasFor() != null) {
      model.put("alias_for", entry.aliasFor());
    }
    return model;
  }

  private static Map<String, String> alias(ModelAliases.Alias alias) {
    Map<String, String> entry = new LinkedHashMap<>();
    entry.put("pattern", alias.pattern());
    entry.put("model", alias.target());
    return entry;
  }
}
