package dev.coracle.activities.providers;

import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.PartialResponse;
import dev.langchain4j.model.chat.response.PartialResponseContext;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.chat.response.StreamingHandle;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Turns LangChain4j's callback-style stream into a blocking call. Events are queued and replayed on
 * the invoking thread, so the sink never runs on the HTTP client's threads and an exception from
 * the sink reaches the caller.
 */
final class StreamingCall implements StreamingChatResponseHandler {

  private sealed interface Event permits Token, Done, Failed {}

  private record Token(String text) implements Event {}

  private record Done(ChatResponse response) implements Event {}

  private record Failed(Throwable error) implements Event {}

  private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
  private final StringBuilder streamed = new StringBuilder();
  private volatile StreamingHandle handle;
  private int tokensSent;

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
  public void onCompleteResponse(ChatResponse response) {
    events.add(new Done(response));
  }

  @Override
  public void onError(Throwable error) {
    events.add(new Failed(error));
  }

  /**
   * Forwards tokens until the stream completes. The endpoint's timeout bounds the silence between
   * two events rather than the whole answer, because a long answer may legitimately stream for
   * minutes, and an Ollama stream that is cut off without an error would otherwise never end.
   */
  ChatResponse await(TokenSink sink, Duration idleTimeout) throws StreamFailure {
    while (true) {
      Event event;
      try {
        event = events.poll(idleTimeout.toMillis(), TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        cancel();
        Thread.currentThread().interrupt();
        throw new StreamFailure(tokensSent > 0, new IllegalStateException("interrupted", e));
      }
      if (event == null) {
        cancel();
        throw new StreamFailure(
            tokensSent > 0,
            new TimeoutException("no data for " + idleTimeout.toMillis() + "ms while streaming"));
      }
      if (event instanceof Token token) {
        forward(sink, token.text());
      } else if (event instanceof Done done) {
        return done.response();
      } else if (event instanceof Failed failed) {
        throw new StreamFailure(tokensSent > 0, failed.error());
      }
    }
  }

  /** Everything forwarded so far, for servers whose final response omits the text. */
  String streamedText() {
    return streamed.toString();
  }

  private void forward(TokenSink sink, String text) {
    if (text == null || text.isEmpty()) {
      return;
    }
    try {
      sink.onToken(text);
    } catch (RuntimeException e) {
      // The consumer went away (e.g. the HTTP client disconnected): stop paying for tokens.
      cancel();
      throw e;
    }
    streamed.append(text);
    tokensSent++;
  }

  private void cancel() {
    StreamingHandle current = handle;
    if (current != null && !current.isCancelled()) {
      current.cancel();
    }
  }

  /** A stream that ended in an error, remembering whether the client already saw tokens. */
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
