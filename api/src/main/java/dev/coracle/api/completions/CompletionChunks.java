package dev.coracle.api.completions;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.coracle.activities.json.CoracleJson;
import dev.coracle.api.chat.ChatFailures;
import dev.coracle.api.chat.ChatRunner;
import dev.coracle.api.chat.ChatStream;
import dev.coracle.api.chat.StreamPiece;
import dev.coracle.workflows.chat.ChatResult;
import io.micronaut.http.sse.Event;
import java.util.ArrayList;
import java.util.List;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The {@code text_completion} objects of one answer: whole, or as server-sent events. A stream is
 * the echoed prompt when asked for, a chunk per token, whatever the durable result adds, a chunk
 * with {@code finish_reason}, the usage chunk when asked for, then {@code [DONE]}. A stream that
 * breaks after its first token ends with an error event and no {@code [DONE]}, so a client cannot
 * take a cut answer for a whole one.
 */
final class CompletionChunks {
  private final String id;
  private final long created;
  private final String model;
  private final CompletionCalls.Checked request;

  CompletionChunks(String id, long created, String model, CompletionCalls.Checked request) {
    this.id = id;
    this.created = created;
    this.model = model;
    this.request = request;
  }

  CompletionResponse answer(ChatResult result) {
    String text = result.content() == null ? "" : result.content();
    if (request.echo()) {
      text = request.completion().prompt() + text;
    }
    return CompletionResponse.answer(
        id, created, model, text, result.finishReason(), result.usage());
  }

  Flux<Event<String>> events(ChatRunner.LiveChat live) {
    ChatStream stream = live.stream();
    Flux<String> echo =
        request.echo() ? Flux.just(chunk(request.completion().prompt(), null)) : Flux.empty();
    Flux<String> tokens =
        stream
            .pieces()
            .filter(piece -> piece instanceof StreamPiece.Text)
            .map(piece -> chunk(((StreamPiece.Text) piece).text(), null));
    Flux<String> ending =
        Mono.fromFuture(live.result())
            .flatMapMany(result -> Flux.fromIterable(closing(result, stream)));
    Flux<String> answered = Flux.concat(echo, tokens, ending).concatWith(Mono.just("[DONE]"));
    return answered
        .onErrorResume(
            failure ->
                Mono.just(
                    write(ChatFailures.toOpenAi(failure, live.workflowId()).toError().toBody())))
        .map(Event::of);
  }

  private List<String> closing(ChatResult result, ChatStream stream) {
    List<String> chunks = new ArrayList<>();
    String alreadySent = stream.sentText();
    String content = result.content() == null ? "" : result.content();
    // Tokens that did not come through this process (another worker, a repeated idempotent
    // request) are sent now, from the durable result.
    if (content.startsWith(alreadySent) && content.length() > alreadySent.length()) {
      chunks.add(chunk(content.substring(alreadySent.length()), null));
    }
    chunks.add(chunk("", result.finishReason()));
    if (request.includeUsage()) {
      chunks.add(write(CompletionResponse.usageChunk(id, created, model, result.usage())));
    }
    return chunks;
  }

  private String chunk(String text, String finishReason) {
    return write(CompletionResponse.chunk(id, created, model, text, finishReason));
  }

  static String write(Object value) {
    try {
      return CoracleJson.mapper().writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a completion object is always writable", e);
    }
  }
}
