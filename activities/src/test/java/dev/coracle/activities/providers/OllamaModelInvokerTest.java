package dev.coracle.activities.providers;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.coracle.fakes.FakeOllamaServer;
import dev.coracle.fakes.FakeUpstreamServer;
import org.junit.jupiter.api.Test;

class OllamaModelInvokerTest extends ModelInvokerContract {

  @Override
  protected FakeUpstreamServer<?> startServer() {
    return new FakeOllamaServer().start();
  }

  @Override
  protected ProviderKind kind() {
    return ProviderKind.OLLAMA;
  }

  @Override
  protected String chatPath() {
    return "/api/chat";
  }

  /** Ollama carries sampling settings under {@code options}, with its own names. */
  @Override
  protected SentParams sentParams(JsonNode body) {
    JsonNode options = body.path("options");
    return new SentParams(
        intOrNull(options.path("num_predict")),
        doubleOrNull(options.path("temperature")),
        doubleOrNull(options.path("top_p")),
        strings(options.path("stop")),
        intOrNull(options.path("seed")));
  }

  @Test
  void plain_call_asks_for_one_object_and_streamed_call_for_a_stream() {
    invoker.invoke(endpoint(), "echo", HELLO, null, null);
    invoker.invoke(endpoint(), "echo", HELLO, null, token -> {});

    assertThat(server.requests(chatPath()).get(0).body().path("stream").asBoolean()).isFalse();
    assertThat(server.requests(chatPath()).get(1).body().path("stream").asBoolean()).isTrue();
  }

  @Test
  void generated_model_is_listed_as_resident() {
    invoker.invoke(endpoint(), "echo", HELLO, null, null);

    assertThat(((FakeOllamaServer) server).residentModels()).containsExactly("echo:latest");
  }
}
