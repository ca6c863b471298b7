package dev.coracle.api.openai;

import dev.coracle.activities.embeddings.LocalEmbeddings;
import dev.coracle.activities.streaming.TokenHub;
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
 * {@code POST /v1/chat/completions}: validate, start a {@code ChatWorkflow}, answer from its
 * result. Nothing here blocks a thread: both paths wait on the workflow's result future.
 */
@Controller("/v1")
public class ChatCompletionsController {
  private final ChatService chats;
  private final ModelDirectory models;
  private final TokenHub hub;
  private final ChatJobAnswers jobs;

  public ChatCompletionsController(
      ChatService chats, ModelDirectory models, TokenHub hub, ChatJobAnswers jobs) {
    this.chats = chats;
    this.models = models;
    this.hub = hub;
    this.jobs = jobs;
  }

  @Post("/chat/completions")
  @Consumes(MediaType.ALL)
  public Mono<MutableHttpResponse<?>> complete(
      @Nullable @Body String body,
      @Nullable @Header("Idempotency-Key") String idempotencyKey,
      @Nullable @Header("Cache-Control") String cacheControl,
      @Nullable @Header(ChatService.WORKSPACE_HEADER) String workspace) {
    long startedNanos = System.nanoTime();
    ParsedCompletion parsed = CompletionRequestParser.parse(body);
    if (LocalEmbeddings.MODEL_NAME.equals(parsed.model())) {
      throw OpenAiException.invalidValue(
          "model", parsed.model() + " is an embedding model; use POST /v1/embeddings");
    }
    if (!models.exists(parsed.model())) {
      throw OpenAiException.unknownModel(parsed.model());
    }
    String workflowId = chats.workflowIdFor(idempotencyKey);
    long created = Instant.now().getEpochSecond();
    boolean bypassCache = cacheControl != null && cacheControl.toLowerCase().contains("no-cache");
    ChatService.ChatOptions options =
        new ChatService.ChatOptions(bypassCache, ChatService.workspace(workspace));
    if (parsed.stream()) {
      return stream(parsed, workflowId, created, options);
    }
    ChatService.StartedChat chat = chats.start(workflowId, parsed, false, options);
    return Mono.fromFuture(chat.result())
        .flatMap(
            result ->
                result.jobId() == null ? Mono.just(result) : Mono.fromFuture(jobs.settle(result)))
        .onErrorMap(e -> ChatFailures.toOpenAi(e, workflowId))
        .map(result -> completed(parsed, workflowId, created, result, startedNanos));
  }

  private MutableHttpResponse<?> completed(
      ParsedCompletion parsed,
      String workflowId,
      long created,
      ChatResult result,
      long startedNanos) {
    long elapsedMillis = (System.nanoTime() - startedNanos) / 1_000_000;
    String id = completionId(workflowId);
    return CoracleHeaders.fromResult(
            HttpResponse.ok(
                Json.write(CompletionJson.completion(id, created, parsed.model(), result))),
            workflowId,
            result)
        .header(
            CoracleHeaders.OVERHEAD_MS,
            Long.toString(Math.max(0, elapsedMillis - result.modelMillis())))
        .contentType(MediaType.APPLICATION_JSON_TYPE);
  }

  private Mono<MutableHttpResponse<?>> stream(
      ParsedCompletion parsed, String workflowId, long created, ChatService.ChatOptions options) {
    ChatStream stream = new ChatStream();
    AutoCloseable subscription = hub.subscribe(workflowId, stream);
    ChatService.StartedChat chat;
    try {
      chat = chats.start(workflowId, parsed, true, options);
    } catch (RuntimeException e) {
      closeQuietly(subscription);
      throw e;
    }
    chat.result().whenComplete((result, failure) -> stream.finish());
    // Answer with headers once the first token arrives, or the whole chat ends first. A failure
    // before any token is a normal HTTP error, not a broken stream.
    // The marker is non-null because an empty Mono would make the framework answer 404.
    CompletableFuture<Object> ready =
        CompletableFuture.anyOf(
            stream.firstToken().thenApply(token -> "first-token"), chat.result());
    SseChunks chunks =
        new SseChunks(
            completionId(workflowId), created, parsed.model(), parsed.includeUsage(), jobs);
    return Mono.fromFuture(ready)
        .onErrorMap(e -> ChatFailures.toOpenAi(e, workflowId))
        .doOnError(e -> closeQuietly(subscription))
        .map(
            started -> {
              Flux<Event<String>> events =
                  chunks
                      .events(stream, chat.result(), workflowId)
                      .doFinally(signal -> closeQuietly(subscription));
              MutableHttpResponse<?> response =
                  HttpResponse.ok(events).contentType(MediaType.TEXT_EVENT_STREAM_TYPE);
              return CoracleHeaders.fromStream(response, workflowId, stream, chat.result());
            });
  }

  static String completionId(String workflowId) {
    return "chatcmpl-" + workflowId;
  }

  private static void closeQuietly(AutoCloseable closeable) {
    try {
      closeable.close();
    } catch (Exception ignored) {
      // Removing a listener from a map cannot fail in a way worth reporting.
    }
  }
}
