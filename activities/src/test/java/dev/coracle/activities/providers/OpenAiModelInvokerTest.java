package dev.coracle.activities.providers;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.coracle.fakes.FakeOpenAiServer;
import dev.coracle.fakes.FakeUpstreamServer;
import dev.coracle.fakes.RecordedRequest;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class OpenAiModelInvokerTest extends ModelInvokerContract {

  @Override
  protected FakeUpstreamServer<?> startServer() {
    return new FakeOpenAiServer().start();
  }

  @Override
  protected ProviderKind kind() {
    return ProviderKind.OPENAI_COMPATIBLE;
  }

  @Override
  protected String chatPath() {
    return "/v1/chat/completions";
  }

  @Override
  protected SentParams sentParams(JsonNode body) {
    return new SentParams(
        intOrNull(body.path("max_tokens")),
        doubleOrNull(body.path("temperature")),
        doubleOrNull(body.path("top_p")),
        strings(body.path("stop")),
        intOrNull(body.path("seed")));
  }

  @Test
  void api_key_is_sent_as_a_bearer_token() {
    invoker.invoke(endpoint(), "echo", HELLO, null, null);

    RecordedRequest request = server.requests(chatPath()).get(0);
    assertThat(request.header("Authorization")).isEqualTo("Bearer sk-test");
    assertThat(request.model()).isEqualTo("echo");
  }

  @Test
  void blank_api_key_sends_no_authorization_header() {
    ProviderEndpoint local =
        new ProviderEndpoint("lmstudio", kind(), server.baseUrl(), "  ", Duration.ofSeconds(5));

    invoker.invoke(local, "echo", HELLO, null, null);

    assertThat(server.requests(chatPath()).get(0).header("Authorization")).isNull();
  }

  @Test
  void streamed_call_asks_for_usage_and_plain_call_does_not_stream() {
    invoker.invoke(endpoint(), "echo", HELLO, null, null);
    invoker.invoke(endpoint(), "echo", HELLO, null, token -> {});

    JsonNode plain = server.requests(chatPath()).get(0).body();
    JsonNode streamed = server.requests(chatPath()).get(1).body();
    assertThat(plain.path("stream").asBoolean(false)).isFalse();
    assertThat(streamed.path("stream").asBoolean()).isTrue();
    assertThat(streamed.path("stream_options").path("include_usage").asBoolean()).isTrue();
  }
}
