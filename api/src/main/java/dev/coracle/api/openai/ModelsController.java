package dev.coracle.api.openai;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.coracle.activities.config.ModelAliases;
import dev.coracle.api.chat.ModelDirectory;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import java.time.Instant;
import java.util.List;

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

  /** OpenAI's model list, plus coracle's alias patterns, which the SDKs ignore. */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record ModelList(String object, List<Model> data, List<AliasEntry> coracleAliases) {}

  /** OpenAI's model object; {@code alias_for} only on aliases. */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record Model(
      String id,
      String object,
      long created,
      String ownedBy,
      @JsonInclude(JsonInclude.Include.NON_NULL) String aliasFor) {}

  /** One alias as configured: a glob pattern and the model it stands for. */
  public record AliasEntry(String pattern, String model) {}

  @Get
  public HttpResponse<String> list() {
    List<Model> data = directory.entries().stream().map(this::model).toList();
    List<AliasEntry> aliases = directory.aliases().stream().map(ModelsController::alias).toList();
    return json(new ModelList("list", data, aliases));
  }

  // Provider model names contain '/', so the path variable must match across segments.
  @Get("/{+model}")
  public HttpResponse<String> retrieve(@PathVariable String model) {
    return json(
        directory
            .find(model)
            .map(this::model)
            .orElseThrow(() -> OpenAiException.unknownModel(model)));
  }

  private Model model(ModelDirectory.Entry entry) {
    return new Model(entry.id(), "model", created, entry.ownedBy(), entry.aliasFor());
  }

  private static AliasEntry alias(ModelAliases.Alias alias) {
    return new AliasEntry(alias.pattern(), alias.target());
  }

  private static HttpResponse<String> json(Object body) {
    return HttpResponse.ok(Json.write(body)).contentType(MediaType.APPLICATION_JSON_TYPE);
  }
}
