package dev.coracle.api.anthropic;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.coracle.activities.json.CoracleJson;
import dev.coracle.api.chat.ChatFailures;
import dev.coracle.api.chat.ChatJobAnswers;
import dev.coracle.api.chat.ChatRunner;
import dev.coracle.api.chat.ChatStream;
import dev.coracle.workflows.chat.ChatResult;
import dev.coracle.workflows.chat.ToolCall;
import io.micronaut.http.sse.Event;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The server-sent events of one streamed message, in Anthropic's order: {@code message_start} and a
 * {@code ping}; the content blocks as they arrive ({@link ContentBlocks}); whatever the durable
 * result adds; {@code message_delta} with the stop reason and usage; {@code message_stop}. While
 * the stream is quiet a {@code ping} goes out every {@link #PING_EVERY}, so clients and proxies do
 * not take a long wait for a dead connection. A failure after the first token ends the stream with
 * an {@code error} event, since the status line has already been sent.
 */
final class MessageEvents {
  static final Duration PING_EVERY = Duration.ofSeconds(10);

  private final String workflowId;
  private final String model;
  private final int estimatedInputTokens;
  private final ChatJobAnswers jobs;
  private final ContentBlocks blocks;

  /**
   * @param model the model name as the client sent it
   * @param estimatedInputTokens the prompt's size before the upstream reports it, for {@code
   *     message_start}; {@code message_delta} carries the reported count
   */
  MessageEvents(String workflowId, String model, int estimatedInputTokens, ChatJobAnswers jobs) {
    this.workflowId = workflowId;
    this.model = model;
    this.estimatedInputTokens = estimatedInputTokens;
    this.jobs = jobs;
    this.blocks = new ContentBlocks(workflowId);
  }

  Flux<Event<String>> events(ChatRunner.LiveChat live) {
    ChatStream stream = live.stream();
    MessageResponse started =
        new MessageResponse(
            Answers.messageId(workflowId),
            model,
            List.of(),
            null,
            new MessageUsage(estimatedInputTokens, 0));
    Flux<StreamEvent> body =
        Flux.concat(
                Flux.just(new StreamEvent.MessageStart(started), new StreamEvent.Ping()),
                stream.pieces().concatMapIterable(blocks::onPiece),
                Mono.fromFuture(live.result()).flatMapMany(result -> ending(result, stream)))
            .onErrorResume(
                failure ->
                    Mono.just(
                        new StreamEvent.Error(
                            AnthropicError.of(ChatFailures.toOpenAi(failure, workflowId)))));
    return withPings(body).map(MessageEvents::event);
  }

  /**
   * After the tokens: for a chat that started a coding job, its progress line by line; then what
   * the durable result holds that did not stream through this process, and the closing events.
   */
  private Flux<StreamEvent> ending(ChatResult result, ChatStream stream) {
    Flux<StreamEvent> closing = Flux.defer(() -> Flux.fromIterable(closing(result, stream)));
    if (result.jobId() == null) {
      return closing;
    }
    return jobs.progress(result.jobId())
        .concatMapIterable(line -> blocks.text(line))
        .concatWith(closing);
  }

  private List<StreamEvent> closing(ChatResult result, ChatStream stream) {
    List<StreamEvent> events = new ArrayList<>();
    String alreadySent = stream.sentText();
    String content = result.content() == null ? "" : result.content();
    // Tokens that did not come through this process (another worker, a repeated idempotent
    // request) are sent now, from the durable result.
    if (content.startsWith(alreadySent) && content.length() > alreadySent.length()) {
      events.addAll(blocks.text(content.substring(alreadySent.length())));
    }
    if (!stream.toolCallsSent()) {
      List<ToolCall> calls = result.toolCallsOrEmpty();
      for (int i = 0; i < calls.size(); i++) {
        events.addAll(blocks.wholeToolCall(i, calls.get(i)));
      }
    }
    events.addAll(blocks.closeOpen());
    events.add(
        new StreamEvent.MessageDelta(StopReasons.of(result), MessageUsage.of(result.usage())));
    events.add(new StreamEvent.MessageStop());
    return events;
  }

  /** The events, with a ping whenever {@link #PING_EVERY} passes, until the last event. */
  private static Flux<StreamEvent> withPings(Flux<StreamEvent> body) {
    return body.publish(
        shared ->
            Flux.merge(
                shared,
                Flux.interval(PING_EVERY, PING_EVERY)
                    .<StreamEvent>map(tick -> new StreamEvent.Ping())
                    .takeUntilOther(shared.then(Mono.just(Boolean.TRUE)))));
  }

  private static Event<String> event(StreamEvent event) {
    try {
      return Event.of(CoracleJson.mapper().writeValueAsString(event)).name(event.type());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a stream event is always serializable", e);
    }
  }
}
