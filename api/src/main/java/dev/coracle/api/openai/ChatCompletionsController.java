package dev.coracle.api.openai;

import com.fasterxml.jackson.databind.ObjectWriter;
import dev.coracle.api.chat.ChatFailures;
import dev.coracle.api.chat.ChatRunner;
import dev.coracle.api.chat.ChatService;
import dev.coracle.api.chat.CoracleHeaders;
import dev.coracle.api.openai.chat.ChatCompletion;
import dev.coracle.api.openai.chat.ParsedCompletion;
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
import io.micronaut.http.sse.Event;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * {@code POST /v1/chat/completions}: read the body as a {@link
 * dev.coracle.api.openai.chat.ChatCompletionRequest}, start a {@code ChatWorkflow}, answer from its
 * result. Nothing here blocks a thread: both paths wait on the workflow's result future.
 *
 * <p>The route returns a {@link CompletableFuture}, not a {@link Mono}: a whole answer is then the
 * workflow's future and one step that writes the response, completed on the thread that handed the
 * answer over, with no Reactor subscription in Micronaut or here. A stream keeps its {@link Mono}
 * until its first token and is handed to Micronaut as a future of that.
 */
@Controller("/v1")
public class ChatCompletionsController {
  private static final ObjectWriter ANSWER = Json.writerFor(ChatCompletion.class);

  private final ChatRunner runner;

  public ChatCompletionsController(ChatRunner runner) {
    this.runner = runner;
  }

  @Post("/chat/completions")
  @Consumes(MediaType.ALL)
  public CompletableFuture<MutableHttpResponse<?>> complete(
      @Nullable @Body String body,
      @Nullable @Header("Idempotency-Key") String idempotencyKey,
      @Nullable @Header("Cache-Control") String cacheControl,
      @Nullable @Header(ChatService.WORKSPACE_HEADER) String workspace,
      @Nullable @Header(ChatService.APPROVE_PLAN_HEADER) String approvePlan) {
    long startedNanos = System.nanoTime();
    ParsedCompletion parsed = ParsedCompletion.parse(body);
    String workflowId = runner.workflowIdFor(idempotencyKey);
    long created = Instant.now().getEpochSecond();
    ChatService.ChatOptions options =
        ChatService.ChatOptions.from(cacheControl, workspace).withApprovePlan(approvePlan);
    if (parsed.stream()) {
      return stream(parsed, workflowId, created, options).toFuture();
    }
    return runner
        .answer(workflowId, parsed.call(), options)
        .handle(
            (result, failure) -> {
              if (failure != null) {
                throw ChatFailures.toOpenAi(failure, workflowId);
              }
              return completed(parsed, workflowId, created, result, startedNanos);
            });
  }

  private MutableHttpResponse<?> completed(
      ParsedCompletion parsed,
      String workflowId,
      long created,
      ChatResult result,
      long startedNanos) {
    String id = completionId(workflowId);
    return CoracleHeaders.withOverhead(
            CoracleHeaders.fromResult(
                HttpResponse.ok(
                    Json.write(ANSWER, ChatCompletion.from(id, created, parsed.model(), result))),
                workflowId,
                result),
            result,
            startedNanos)
        .contentType(MediaType.APPLICATION_JSON_TYPE);
  }

  private Mono<MutableHttpResponse<?>> stream(
      ParsedCompletion parsed, String workflowId, long created, ChatService.ChatOptions options) {
    SseChunks chunks =
        new SseChunks(
            completionId(workflowId),
            created,
            parsed.model(),
            parsed.includeUsage(),
            runner.jobs());
    return runner.stream(workflowId, parsed.call(), options)
        .onErrorMap(e -> ChatFailures.toOpenAi(e, workflowId))
        .map(
            live -> {
              Flux<Event<String>> events = chunks.events(live);
              MutableHttpResponse<?> response =
                  HttpResponse.ok(events).contentType(MediaType.TEXT_EVENT_STREAM_TYPE);
              return CoracleHeaders.fromStream(response, live);
            });
  }

  static String completionId(String workflowId) {
    return "chatcmpl-" + workflowId;
  }
}
