package dev.coracle.activities.providers;

import dev.coracle.workflows.chat.ToolCall;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.CompleteToolCall;
import dev.langchain4j.model.chat.response.PartialResponse;
import dev.langchain4j.model.chat.response.PartialResponseContext;
import dev.langchain4j.model.chat.response.PartialToolCall;
import dev.langchain4j.model.chat.response.PartialToolCallContext;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.chat.response.StreamingHandle;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Turns LangChain4j's callback-style stream into a blocking call. Events are queued and replayed on
 * the invoking thread, so the sink never runs on the HTTP client's threads and an exception from
 * the sink reaches the caller.
 */
final class StreamingCall implements StreamingChatResponseHandler {

  private sealed interface Event permits Token, ToolFragment, ToolDone, Done, Failed, BrokenEnd {}

  private record Token(String text) implements Event {}

  private record ToolFragment(PartialToolCall call) implements Event {}

  private record ToolDone(CompleteToolCall call) implements Event {}

  private record Done(ChatResponse response) implements Event {}

  private record Failed(Throwable error) implements Event {}

  /** The body ended without its terminator, or after an error event. */
  private record BrokenEnd(String reason) implements Event {}

  private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
  private final StringBuilder streamed = new StringBuilder();

  /** The id each tool call was announced with, by index, once its first piece was forwarded. */
  private final Map<Integer, String> toolIds = new HashMap<>();

  private final List<ToolCall> toolCalls = new ArrayList<>();
  private volatile StreamingHandle handle;
  private volatile StreamEnding ending;
  private int piecesSent;

  /** Judges the stream's ending by its raw bytes; without one, LangChain4j's word is taken. */
  StreamingCall watchedBy(StreamEnding ending) {
    this.ending = ending;
    return this;
  }

  /** Told by the {@link StreamEnding} when the body ended badly. */
  void bodyEndedBadly(String reason) {
    events.add(new BrokenEnd(reason));
  }

  @Override
  public void onPartialResponse(PartialResponse partial, PartialResponseContext context) {
    handle = context.streamingHandle();
    onPartialResponse(partial.text());
  }

  @Override
  public void onPartialResponse(String text) {
    events.add(new Token(text));
  }

  @Override
  public void onPartialToolCall(PartialToolCall partial, PartialToolCallContext context) {
    handle = context.streamingHandle();
    onPartialToolCall(partial);
  }

  @Override
  public void onPartialToolCall(PartialToolCall partial) {
    events.add(new ToolFragment(partial));
  }

  /**
   * LangChain4j reports every call complete, whether or not pieces of it were streamed before:
   * OpenAI streams the arguments in pieces, Ollama only ever sends whole calls.
   */
  @Override
  public void onCompleteToolCall(CompleteToolCall complete) {
    events.add(new ToolDone(complete));
  }

  @Override
  public void onCompleteResponse(ChatResponse response) {
    events.add(new Done(response));
  }

  @Override
  public void onError(Throwable error) {
    events.add(new Failed(error));
  }

  /**
   * Forwards tokens and tool-call pieces until the stream completes. Two clocks bound it: {@code
   * idle}, the longest silence before the first event and between two events, and {@code total},
   * the longest the whole answer may take. A long answer may legitimately stream for many minutes;
   * a stalled upstream, or an Ollama stream cut off without an error, must not hold it forever. A
   * stream that ends without its terminator or with an error event fails, whatever LangChain4j made
   * of it.
   */
  ChatResponse await(TokenSink sink, Duration idle, Duration total) throws StreamFailure {
    long started = System.nanoTime();
    long totalDeadline = started + total.toNanos();
    long idleDeadline = started + idle.toNanos();
    while (true) {
      long now = System.nanoTime();
      if (now - totalDeadline >= 0) {
        throw timedOut(StreamTimeoutException.total(total));
      }
      if (now - idleDeadline >= 0) {
        throw timedOut(StreamTimeoutException.idle(idle));
      }
      Event event;
      try {
        event = events.poll(Math.min(idleDeadline, totalDeadline) - now, TimeUnit.NANOSECONDS);
      } catch (InterruptedException e) {
        cancel();
        Thread.currentThread().interrupt();
        throw new StreamFailure(piecesSent > 0, new IllegalStateException("interrupted", e));
      }
      if (event == null) {
        continue;
      }
      idleDeadline = System.nanoTime() + idle.toNanos();
      if (event instanceof Token token) {
        forward(sink, token.text());
      } else if (event instanceof ToolFragment fragment) {
        PartialToolCall call = fragment.call();
        forwardToolPiece(sink, call.index(), call.id(), call.name(), call.partialArguments());
      } else if (event instanceof ToolDone done) {
        complete(sink, done.call());
      } else if (event instanceof Done done) {
        return endedWell(done.response());
      } else if (event instanceof Failed failed) {
        throw new StreamFailure(piecesSent > 0, failed.error());
      } else if (event instanceof BrokenEnd broken) {
        cancel();
        throw new StreamFailure(piecesSent > 0, new BrokenStreamException(broken.reason()));
      }
    }
  }

  /**
   * LangChain4j may call a stream complete on an error event or at the first end of the body; what
   * the watcher has read by then decides.
   */
  private ChatResponse endedWell(ChatResponse response) throws StreamFailure {
    StreamEnding watcher = ending;
    String broken = watcher == null ? null : watcher.brokenReason();
    if (broken != null) {
      throw new StreamFailure(piecesSent > 0, new BrokenStreamException(broken));
    }
    return response;
  }

  private StreamFailure timedOut(StreamTimeoutException timeout) {
    cancel();
    return new StreamFailure(piecesSent > 0, timeout);
  }

  /** How many tokens and tool-call pieces reached the sink. */
  int piecesSent() {
    return piecesSent;
  }

  /** Everything forwarded so far, for servers whose final response omits the text. */
  String streamedText() {
    return streamed.toString();
  }

  /** The completed tool calls, with the ids the sink saw, in the order they completed. */
  List<ToolCall> streamedToolCalls() {
    return List.copyOf(toolCalls);
  }

  private void forward(TokenSink sink, String text) {
    if (text == null || text.isEmpty()) {
      return;
    }
    deliver(() -> sink.onToken(text));
    streamed.append(text);
  }

  private void forwardToolPiece(
      TokenSink sink, int index, String upstreamId, String name, String arguments) {
    if (arguments == null || arguments.isEmpty()) {
      return;
    }
    String known = toolIds.get(index);
    if (known != null) {
      deliver(() -> sink.onToolCall(index, null, null, arguments));
      return;
    }
    String id = ToolMapping.idOrNew(upstreamId);
    toolIds.put(index, id);
    deliver(() -> sink.onToolCall(index, id, name, arguments));
  }

  /** A call no piece of which was streamed yet is forwarded whole, as one piece. */
  private void complete(TokenSink sink, CompleteToolCall done) {
    ToolExecutionRequest request = done.toolExecutionRequest();
    String arguments =
        request.arguments() == null || request.arguments().isBlank() ? "{}" : request.arguments();
    if (!toolIds.containsKey(done.index())) {
      forwardToolPiece(sink, done.index(), request.id(), request.name(), arguments);
    }
    toolCalls.add(new ToolCall(toolIds.get(done.index()), request.name(), arguments));
  }

  private void deliver(Runnable piece) {
    try {
      piece.run();
    } catch (RuntimeException e) {
      // The consumer went away (e.g. the HTTP client disconnected): stop paying for tokens.
      cancel();
      throw e;
    }
    piecesSent++;
  }

  private void cancel() {
    StreamingHandle current = handle;
    if (current != null && !current.isCancelled()) {
      current.cancel();
    }
  }

  /**
   * A stream that ended in an error, remembering whether the client already saw part of the answer:
   * a token or a piece of a tool call.
   */
  static final class StreamFailure extends Exception {
    private final boolean tokensSent;

    StreamFailure(boolean tokensSent, Throwable cause) {
      super(cause);
      this.tokensSent = tokensSent;
    }

    boolean tokensSent() {
      return tokensSent;
    }
  }
}
