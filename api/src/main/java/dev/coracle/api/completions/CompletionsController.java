package dev.coracle.api.completions;

import dev.coracle.api.chat.ChatCall;
import dev.coracle.api.chat.ChatFailures;
import dev.coracle.api.chat.ChatRunner;
import dev.coracle.api.chat.ChatService;
import dev.coracle.api.chat.CoracleHeaders;
import dev.coracle.workflows.chat.ChatResult;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Post;
import java.time.Instant;
import reactor.core.publisher.Mono;

/**
 * {@code POST /v1/completions}, OpenAI's legacy completions as editors use them for autocomplete:
 * check, start a {@code ChatWorkflow} through {@link ChatRunner}, answer from its result or stream
 * its tokens. Nothing here blocks a thread.
 */
@Controller("/v1")
public class CompletionsController {
  private final ChatRunner runner;
  private final CompletionModels models;

  CompletionsController(ChatRunner runner, CompletionModels models) {
    this.runner = runner;
    this.models = models;
  }

  @Post("/completions")
  @Consumes(MediaType.ALL)
  public Mono<MutableHttpResponse<?>> complete(
      @Nullable @Body String body,
      @Nullable @Header("Idempotency-Key") String idempotencyKey,
      @Nullable @Header("Cache-Control") String cacheControl,
      @Nullable @Header(ChatService.WORKSPACE_HEADER) String workspace) {
    long startedNanos = System.nanoTime();
    CompletionCalls.Checked checked = CompletionCalls.check(CompletionReader.read(body));
    ChatCall call = models.routed(checked.call());
    String workflowId = runner.workflowIdFor(idempotencyKey);
    long created = Instant.now().getEpochSecond();
    ChatService.ChatOptions options = ChatService.ChatOptions.from(cacheControl, workspace);
    CompletionChunks chunks =
        new CompletionChunks("cmpl-" + workflowId, created, checked.model(), checked);
    if (checked.stream()) {
      return runner.stream(workflowId, call, options)
          .onErrorMap(e -> ChatFailures.toOpenAi(e, workflowId))
          .map(
              live ->
                  CoracleHeaders.fromStream(
                      HttpResponse.ok(chunks.events(live))
                          .contentType(MediaType.TEXT_EVENT_STREAM_TYPE),
                      live));
    }
    return Mono.fromFuture(runner.answer(workflowId, call, options))
        .onErrorMap(e -> ChatFailures.toOpenAi(e, workflowId))
        .map(result -> answered(chunks, workflowId, result, startedNanos));
  }

  private static MutableHttpResponse<?> answered(
      CompletionChunks chunks, String workflowId, ChatResult result, long startedNanos) {
    String json = CompletionChunks.write(chunks.answer(result));
    return CoracleHeaders.withOverhead(
            CoracleHeaders.fromResult(HttpResponse.ok(json), workflowId, result),
            result,
            startedNanos)
        .contentType(MediaType.APPLICATION_JSON_TYPE);
  }
}
