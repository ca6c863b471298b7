package dev.coracle.api.openai;

import dev.coracle.activities.streaming.StreamListener;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

/**
 * Receives the tokens of one streamed chat from the model activity in this process and exposes them
 * as a {@link Flux}. Remembers what was sent so the final chunk adds only what is missing.
 */
final class ChatStream implements StreamListener {
  private final Sinks.Many<String> tokens = Sinks.many().unicast().onBackpressureBuffer();
  private final CompletableFuture<Void> firstToken = new CompletableFuture<>();
  private final StringBuilder sent = new StringBuilder();
  private volatile String provider;
  private volatile String model;
  private volatile String requestClass;

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
    tokens.emitNext(text, Sinks.EmitFailureHandler.busyLooping(Duration.ofSeconds(1)));
    firstToken.complete(null);
  }

  /** Ends the token flux; called once the workflow has finished, successfully or not. */
  void finish() {
    tokens.emitComplete(Sinks.EmitFailureHandler.busyLooping(Duration.ofSeconds(1)));
  }

  Flux<String> tokens() {
    return tokens.asFlux();
  }

  CompletableFuture<Void> firstToken() {
    return firstToken;
  }

  String sentText() {
    synchronized (sent) {
      return sent.toString();
    }
  }

  String provider() {
    return provider;
  }

  String model() {
    return model;
  }

  String requestClass() {
    return requestClass;
  }
}
