package dev.coracle.activities.providers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import dev.coracle.fakes.FakeOllamaServer;
import dev.coracle.fakes.RecordedRequest;
import dev.coracle.workflows.chat.ChatErrorType;
import dev.coracle.workflows.chat.SamplingParams;
import dev.coracle.workflows.chat.TextCompletion;
import dev.coracle.workflows.model.ModelAnswer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Text completions on Ollama's {@code /api/generate}, against the fake Ollama's wire. */
class OllamaGenerateTest {
  private FakeOllamaServer ollama;
  private ProviderEndpoint endpoint;
  private final OllamaGenerate generate = new OllamaGenerate();

  @BeforeEach
  void start() {
    ollama = new FakeOllamaServer().start();
    endpoint =
        new ProviderEndpoint(
            "ollama",
            ProviderKind.OLLAMA,
            ollama.baseUrl(),
            "",
            Duration.ofSeconds(20),
            Duration.ofMinutes(5));
  }

  @AfterEach
  void stop() {
    ollama.close();
  }

  private static SamplingParams params(Integer maxTokens, List<String> stop) {
    return new SamplingParams(maxTokens, 0.1, 0.9, stop, 7, null, null);
  }

  private JsonNode sent() {
    List<RecordedRequest> requests = ollama.requests("/api/generate");
    assertThat(requests).hasSize(1);
    return requests.get(0).body();
  }

  @Test
  void a_plain_completion_is_sent_raw_with_the_sampling_options() {
    ModelAnswer answer =
        generate.complete(
            endpoint,
            "echo",
            new TextCompletion("one two", null),
            params(40, List.of("END")),
            null);

    assertThat(answer.content()).isEqualTo("echo: one two");
    assertThat(answer.finishReason()).isEqualTo("stop");
    assertThat(answer.usage().completionTokens()).isPositive();
    JsonNode sent = sent();
    assertThat(sent.path("prompt").asText()).isEqualTo("one two");
    assertThat(sent.path("raw").asBoolean()).isTrue();
    assertThat(sent.path("stream").asBoolean()).isFalse();
    assertThat(sent.path("keep_alive").asLong()).isEqualTo(300);
    assertThat(sent.at("/options/num_predict").asInt()).isEqualTo(40);
    assertThat(sent.at("/options/temperature").asDouble()).isEqualTo(0.1);
    assertThat(sent.at("/options/top_p").asDouble()).isEqualTo(0.9);
    assertThat(sent.at("/options/seed").asInt()).isEqualTo(7);
    assertThat(sent.at("/options/stop/0").asText()).isEqualTo("END");
  }

  @Test
  void a_streamed_fill_in_the_middle_sends_the_suffix_and_every_token_in_order() {
    List<String> tokens = new CopyOnWriteArrayList<>();

    ModelAnswer answer =
        generate.complete(
            endpoint,
            "echo",
            new TextCompletion("int x = ", ";"),
            params(null, List.of()),
            tokens::add);

    assertThat(String.join("", tokens)).isEqualTo("echo: fill int x = |;");
    assertThat(tokens.size()).isGreaterThan(1);
    assertThat(answer.content()).isEqualTo("echo: fill int x = |;");
    JsonNode sent = sent();
    assertThat(sent.path("suffix").asText()).isEqualTo(";");
    assertThat(sent.has("raw")).isFalse();
    assertThat(sent.path("stream").asBoolean()).isTrue();
    assertThat(sent.path("options").has("num_predict")).isFalse();
  }

  @Test
  void the_token_limit_ends_the_answer_with_length() {
    ModelAnswer answer =
        generate.complete(
            endpoint, "echo", new TextCompletion("a b c d e f", null), params(2, List.of()), null);

    assertThat(answer.finishReason()).isEqualTo("length");
  }

  @Test
  void a_stream_broken_after_tokens_is_stream_broken() {
    List<String> tokens = new CopyOnWriteArrayList<>();

    ProviderException failure =
        catchThrowableOfType(
            () ->
                generate.complete(
                    endpoint,
                    "broken-stream",
                    new TextCompletion("one two three four five", null),
                    params(null, List.of()),
                    tokens::add),
            ProviderException.class);

    assertThat(tokens).isNotEmpty();
    assertThat(failure.type()).isEqualTo(ChatErrorType.STREAM_BROKEN);
  }

  @Test
  void upstream_errors_are_classified_like_every_provider_call() {
    ProviderException missing =
        catchThrowableOfType(
            () ->
                generate.complete(
                    endpoint, "missing", new TextCompletion("x", null), params(null, null), null),
            ProviderException.class);
    ProviderException crashed =
        catchThrowableOfType(
            () ->
                generate.complete(
                    endpoint, "fail-500", new TextCompletion("x", null), params(null, null), null),
            ProviderException.class);

    assertThat(missing.type()).isEqualTo(ChatErrorType.UPSTREAM_REJECTED);
    assertThat(missing.httpStatus()).isEqualTo(404);
    assertThat(missing.getMessage()).contains("ollama/missing").contains("not found");
    assertThat(crashed.type()).isEqualTo(ChatErrorType.UPSTREAM_UNAVAILABLE);
    assertThat(crashed.httpStatus()).isEqualTo(500);
  }

  @Test
  void an_unreachable_ollama_was_never_sent_the_request() {
    ollama.close();

    ProviderException failure =
        catchThrowableOfType(
            () ->
                generate.complete(
                    endpoint, "echo", new TextCompletion("x", null), params(null, null), null),
            ProviderException.class);

    assertThat(failure.type()).isEqualTo(ChatErrorType.UPSTREAM_UNAVAILABLE);
    assertThat(failure.reach()).isEqualTo(UpstreamReach.NOT_SENT);
  }
}
