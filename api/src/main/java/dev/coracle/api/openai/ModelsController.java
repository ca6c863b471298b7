package dev.coracle.api.openai;

import dev.coracle.api.chat.ModelDirectory;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code GET /v1/models} and {@code GET /v1/models/{model}} in OpenAI's list format. */
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
    return Map.of("object", "list", "data", data);
  }

  // Provider model names contain '/', so the path variable must match across segments.
  @Get("/{+model}")
  public Map<String, Object> retrieve(@PathVariable String model) {
    return directory.entries().stream()
        .filter(entry -> entry.id().equals(model))
        .findFirst()
        .map(this::model)
        .orElseThrow(() -> OpenAiException.unknownModel(model));
  }

  private Map<String, Object> model(ModelDirectory.Entry entry) {
    Map<String, Object> model = new LinkedHashMap<>();
    model.put("id", entry.id());
    model.put("object", "model");
    model.put("created", created);
    model.put("owned_by", entry.ownedBy());
    return model;
  }
}
