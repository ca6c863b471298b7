package dev.coracle.api.chat;

import dev.coracle.activities.streaming.StreamListener;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

/**
 * Receives the tokens and tool-call pieces of one streamed chat from the model activity in this
 * process and exposes them as a {@link Flux} of {@link StreamPiece}s for a door to shape. Remembers
 * what was sent so a door's closing events add only what is missing.
 */
public final class ChatStream implements StreamListener {
  private final Sinks.Many<StreamPiece> pieces = Sinks.many().unicast().onBackpressureBuffer();
  private final CompletableFuture<Void> firstToken = new CompletableFuture<>();
  private final StringBuilder sent = new StringBuilder();
  private volatile boolean toolCallsSent;
  private volatile String provider;
  private volatile String model;
  private volatile String requestClass;
  private volatile Runnable release = () -> {};

  @Override
  public void onStart(String provider, String model, String requestClass) {
    this.provider = provider;
    this.model = model;
    this.requestClass = requestClass;
  }

  @Override
  public void onToken(String text) {
    if (text == null || text.isEmpty()) {
      return;
    }
    synchronized (sent) {
      sent.append(text);
    }
    emit(new StreamPiece.Text(text));
  }

  @Override
  public void onToolCall(int index, String id, String name, String argumentsFragment) {
    toolCallsSent = true;
    emit(
        new StreamPiece.ToolCallPiece(
            index, id, name, argumentsFragment == null ? "" : argumentsFragment));
  }

  private void emit(StreamPiece piece) {
    pieces.emitNext(piece, Sinks.EmitFailureHandler.busyLooping(Duration.ofSeconds(1)));
    firstToken.complete(null);
  }

  /** Ends the delta flux; called once the workflow has finished, successfully or not. */
  public void finish() {
    pieces.emitComplete(Sinks.EmitFailureHandler.busyLooping(Duration.ofSeconds(1)));
  }

  /**
   * The pieces as they arrive, ending when the chat has ended. When the subscriber is done (or
   * gone), this stream stops listening to the model activity.
   */
  public Flux<StreamPiece> pieces() {
    return pieces.asFlux().doFinally(signal -> release.run());
  }

  /** Sets what stops this stream's listening once its pieces have been consumed. */
  ChatStream releasingOnEnd(Runnable release) {
    this.release = release;
    return this;
  }

  public CompletableFuture<Void> firstToken() {
    return firstToken;
  }

  public String sentText() {
    synchronized (sent) {
      return sent.toString();
    }
  }

  public boolean toolCallsSent() {
    return toolCallsSent;
  }

  public String provider() {
    return provider;
  }

  public String model() {
    return model;
  }

  public String requestClass() {
    return requestClass;
  }
}
