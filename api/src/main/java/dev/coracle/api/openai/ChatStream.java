package dev.coracle.api.openai;

import dev.coracle.activities.streaming.StreamListener;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

/**
 * Receives the tokens and tool-call pieces of one streamed chat from the model activity in this
 * process and exposes them as a {@link Flux} of OpenAI {@code delta} objects. Remembers what was
 * sent so the closing chunks add only what is missing.
 */
final class ChatStream implements StreamListener {
  private final Sinks.Many<Map<String, Object>> deltas =
      Sinks.many().unicast().onBackpressureBuffer();
  private final CompletableFuture<Void> firstToken = new CompletableFuture<>();
  private final StringBuilder sent = new StringBuilder();
  private volatile boolean toolCallsSent;
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
    emit(CompletionJson.contentDelta(text));
  }

  @Override
  public void onToolCall(int index, String id, String name, String argumentsFragment) {
    toolCallsSent = true;
    Map<String, Object> function = new LinkedHashMap<>();
    if (name != null) {
      function.put("name", name);
    }
    function.put("arguments", argumentsFragment == null ? "" : argumentsFragment);
    Map<String, Object> call = new LinkedHashMap<>();
    call.put("index", index);
    // OpenAI sends the id and type only with the first piece of each call.
    if (id != null) {
      call.put("id", id);
      call.put("type", "function");
    }
    call.put("function", function);
    emit(Map.of("tool_calls", List.of(call)));
  }

  private void emit(Map<String, Object> delta) {
    deltas.emitNext(delta, Sinks.EmitFailureHandler.busyLooping(Duration.ofSeconds(1)));
    firstToken.complete(null);
  }

  /** Ends the delta flux; called once the workflow has finished, successfully or not. */
  void finish() {
    deltas.emitComplete(Sinks.EmitFailureHandler.busyLooping(Duration.ofSeconds(1)));
  }

  Flux<Map<String, Object>> deltas() {
    return deltas.asFlux();
  }

  CompletableFuture<Void> firstToken() {
    return firstToken;
  }

  String sentText() {
    synchronized (sent) {
      return sent.toString();
    }
  }

  boolean toolCallsSent() {
    return toolCallsSent;
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
