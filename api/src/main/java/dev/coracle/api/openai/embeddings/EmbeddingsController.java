package dev.coracle.api.openai.embeddings;

import dev.coracle.activities.embeddings.LocalEmbeddings;
import dev.coracle.api.openai.Json;
import dev.coracle.api.openai.JsonBody;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.util.List;

/**
 * {@code POST /v1/embeddings} served by the in-process MiniLM model: free embeddings for clients
 * doing retrieval, with no model server and no LLM slot.
 */
@Controller("/v1")
public class EmbeddingsController {
  private final LocalEmbeddings embeddings;

  public EmbeddingsController(LocalEmbeddings embeddings) {
    this.embeddings = embeddings;
  }

  @Post("/embeddings")
  @Consumes(MediaType.ALL)
  @ExecuteOn(TaskExecutors.BLOCKING)
  public HttpResponse<String> embed(@Nullable @Body String body) {
    EmbeddingsRequest request = JsonBody.read(body, EmbeddingsRequest.class);
    EmbeddingsConversion.requireLocalModel(request);
    List<String> inputs = EmbeddingsConversion.inputs(request.input());
    EmbeddingsConversion.checkDimensions(request.dimensions());
    boolean base64 = EmbeddingsConversion.base64(request.encodingFormat());
    LocalEmbeddings.Batch batch = embeddings.embedBatch(inputs);
    return HttpResponse.ok(Json.write(EmbeddingsConversion.response(batch, base64)))
        .contentType(MediaType.APPLICATION_JSON_TYPE);
  }
}
