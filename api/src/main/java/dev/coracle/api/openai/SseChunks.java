package dev.coracle.api.openai;

import dev.coracle.workflows.chat.ChatResult;
import io.micronaut.http.sse.Event;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The server-sent events of a streamed completion: a role chunk, a chunk per token, whatever the
 * durable result adds, a final chunk with {@code finish_reason}, the usage chunk when asked for,
 * then {@code [DONE]}. A failure after the first token ends the stream with an error chunk.
 */
final class SseChunks {
  private final String id;
  private final long created;
  private final String model;
  private final boolean includeUsage;
  private final ChatJobAnswers jobs;

  SseChunks(String id, long created, String model, boolean includeUsage, ChatJobAnswers jobs) {
    this.id = id;
    this.created = created;
    this.model = model;
    this.includeUsage = includeUsage;
    this.jobs = jobs;
  }

  Flux<Event<String>> events(
      ChatStream stream, CompletableFuture<ChatResult> result, String workflowId) {
    Flux<String> body =
        Flux.concat(
                Mono.just(chunk(CompletionJson.roleDelta(), null)),
                stream.deltas().map(delta -> chunk(delta, null)),
                Mono.fromFuture(result).flatMapMany(done -> ending(done, stream)))
            .onErrorResume(
                failure ->
                    Mono.just(
                        Json.write(ChatFailures.toOpenAi(failure, workflowId).toError().toBody())))
            .concatWith(Mono.just("[DONE]"));
    return body.map(Event::of);
  }

  /**
   * After the tokens: for a chat that started a coding job, its progress line by line until it
   * ends; then the closing chunks.
   */
  private Flux<String> ending(ChatResult result, ChatStream stream) {
    Flux<String> closing = Flux.defer(() -> Flux.fromIterable(closing(result, stream)));
    if (result.jobId() == null) {
      return closing;
    }
    return jobs.progress(result.jobId())
        .map(line -> chunk(CompletionJson.contentDelta(line), null))
        .concatWith(closing);
  }

  private List<String> closing(ChatResult result, ChatStream stream) {
    List<String> chunks = new ArrayList<>();
    String alreadySent = stream.sentText();
    String content = result.content() == null ? "" : result.content();
    // Tokens that did not come through this process (another worker, a repeated idempotent
    // request) are sent now, from the durable result.
    if (content.startsWith(alreadySent) && content.length() > alreadySent.length()) {
      chunks.add(chunk(CompletionJson.contentDelta(content.substring(alreadySent.length())), null));
    }
    if (!result.toolCallsOrEmpty().isEmpty() && !stream.toolCallsSent()) {
      chunks.add(chunk(Map.of("tool_calls", CompletionJson.toolCalls(result, true)), null));
    }
    chunks.add(chunk(Map.of(), result.finishReason()));
    if (includeUsage) {
      chunks.add(Json.write(CompletionJson.usageChunk(id, created, model, result.usage())));
    }
    return chunks;
  }

  private String chunk(Map<String, Object> delta, String finishReason) {
    return Json.write(CompletionJson.chunk(id, created, model, delta, finishReason));
  }
}
