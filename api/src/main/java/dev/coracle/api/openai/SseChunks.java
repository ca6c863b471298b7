package dev.coracle.api.openai;

import dev.coracle.api.chat.ChatFailures;
import dev.coracle.api.chat.ChatJobAnswers;
import dev.coracle.api.chat.ChatRunner;
import dev.coracle.api.chat.ChatStream;
import dev.coracle.api.chat.StreamPiece;
import dev.coracle.api.openai.chat.ChatCompletionChunk;
import dev.coracle.api.openai.chat.ChatCompletionChunk.Delta;
import dev.coracle.api.openai.chat.ToolCallOut;
import dev.coracle.workflows.chat.ChatResult;
import io.micronaut.http.sse.Event;
import java.util.ArrayList;
import java.util.List;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The server-sent events of a streamed completion: a role chunk, a chunk per token, whatever the
 * durable result adds, a final chunk with {@code finish_reason}, the usage chunk when asked for,
 * then {@code [DONE]}. A failure after the first token ends the stream with the error event and
 * nothing after it.
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

  Flux<Event<String>> events(ChatRunner.LiveChat live) {
    ChatStream stream = live.stream();
    String workflowId = live.workflowId();
    Flux<String> body =
        Flux.concat(
                Mono.just(chunk(Delta.first(), null)),
                stream.pieces().map(piece -> chunk(delta(piece), null)),
                Mono.fromFuture(live.result()).flatMapMany(done -> ending(done, stream)),
                Mono.just("[DONE]"))
            // A broken stream ends with the error event alone: no finish_reason and no [DONE],
            // which would pass the partial answer off as complete.
            .onErrorResume(
                failure ->
                    Mono.just(
                        Json.write(ChatFailures.toOpenAi(failure, workflowId).toError().toBody())));
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
        .map(line -> chunk(Delta.text(line), null))
        .concatWith(closing);
  }

  private List<String> closing(ChatResult result, ChatStream stream) {
    List<String> chunks = new ArrayList<>();
    String alreadySent = stream.sentText();
    String content = result.content() == null ? "" : result.content();
    // Tokens that did not come through this process (another worker, a repeated idempotent
    // request) are sent now, from the durable result.
    if (content.startsWith(alreadySent) && content.length() > alreadySent.length()) {
      chunks.add(chunk(Delta.text(content.substring(alreadySent.length())), null));
    }
    if (!result.toolCallsOrEmpty().isEmpty() && !stream.toolCallsSent()) {
      chunks.add(chunk(Delta.calls(ToolCallOut.all(result, true)), null));
    }
    chunks.add(chunk(Delta.last(), result.finishReason()));
    if (includeUsage) {
      chunks.add(Json.write(ChatCompletionChunk.usage(id, created, model, result.usage())));
    }
    return chunks;
  }

  /** OpenAI's {@code delta} for one piece of the answer. */
  private static Delta delta(StreamPiece piece) {
    if (piece instanceof StreamPiece.Text text) {
      return Delta.text(text.text());
    }
    StreamPiece.ToolCallPiece toolCall = (StreamPiece.ToolCallPiece) piece;
    // OpenAI sends the id and type only with the first piece of each call.
    ToolCallOut call =
        new ToolCallOut(
            toolCall.index(),
            toolCall.id(),
            toolCall.id() == null ? null : "function",
            new ToolCallOut.Function(toolCall.name(), toolCall.argumentsFragment()));
    return Delta.calls(List.of(call));
  }

  private String chunk(Delta delta, String finishReason) {
    return Json.write(ChatCompletionChunk.of(id, created, model, delta, finishReason));
  }
}
