package dev.coracle.api.openai;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.coracle.api.chat.ModelDirectory;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import java.time.Instant;
import java.util.List;

/** {@code GET /v1/models} and {@code GET /v1/models/{model}} in OpenAI's list format. */
@Controller("/v1/models")
public class ModelsController {
  private final ModelDirectory directory;
  private final long created = Instant.now().getEpochSecond();

  public ModelsController(ModelDirectory directory) {
    this.directory = directory;
  }

  /** OpenAI's model list. */
  public record ModelList(String object, List<Model> data) {}

  /** OpenAI's model object. */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record Model(String id, String object, long created, String ownedBy) {}

  @Get
  public HttpResponse<String> list() {
    List<Model> data = directory.entries().stream().map(this::model).toList();
    return json(new ModelList("list", data));
  }

  // Provider model names contain '/', so the path variable must match across segments.
  @Get("/{+model}")
  public HttpResponse<String> retrieve(@PathVariable String model) {
    return json(
        directory.entries().stream()
            .filter(entry -> entry.id().equals(model))
            .findFirst()
            .map(this::model)
            .orElseThrow(() -> OpenAiException.unknownModel(model)));
  }

  private Model model(ModelDirectory.Entry entry) {
    return new Model(entry.id(), "model", created, entry.ownedBy());
  }

  private static HttpResponse<String> json(Object body) {
    return HttpResponse.ok(Json.write(body)).contentType(MediaType.APPLICATION_JSON_TYPE);
  }
}
