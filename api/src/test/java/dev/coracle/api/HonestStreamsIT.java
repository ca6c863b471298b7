package dev.coracle.api;

import static dev.coracle.api.HttpCalls.chat;
import static dev.coracle.api.HttpCalls.json;
import static dev.coracle.api.HttpCalls.parse;
import static dev.coracle.api.HttpCalls.post;
import static dev.coracle.api.HttpCalls.sseData;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.coracle.fakes.FakeOpenAiServer;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What a streaming client of {@code POST /v1/chat/completions} sees when the upstream's stream goes
 * wrong, through real coracle and two fake providers over real HTTP: the tokens the upstream sent
 * and then coracle's {@code stream_broken} error event, never a finish "stop" or {@code [DONE]},
 * never a second provider's text, and exactly one upstream call, which the quota ledger counts.
 * Before the first token the next provider takes over at once.
 */
class HonestStreamsIT {
  private static final String PROMPT = "one two three four five six";
  private static final String FIRST_THREE = "echo: one two";

  @TempDir Path home;
  private FakeOpenAiServer groq;
  private FakeOpenAiServer cerebras;

  @BeforeEach
  void startFakes() {
    groq = new FakeOpenAiServer().start();
    cerebras = new FakeOpenAiServer().start();
  }

  @AfterEach
  void stopFakes() {
    groq.close();
    cerebras.close();
  }

  @ParameterizedTest
  @ValueSource(strings = {"stall-after-3", "eof-no-done", "error-event", "finish-error"})
  void broken_stream_ends_with_the_error_event_after_exactly_the_tokens_sent(String model) {
    try (CoracleUnderTest coracle = start(model)) {
      HttpResponse<String> response = streamed(coracle);

      assertThat(response.statusCode()).isEqualTo(200);
      List<String> events = sseData(response.body());
      assertThat(content(events)).as(response.body()).isEqualTo(FIRST_THREE);
      assertThat(events).doesNotContain("[DONE]");
      assertThat(finishReasons(events)).as(response.body()).isEmpty();
      JsonNode last = parse(events.get(events.size() - 1));
      assertThat(last.at("/error/code").asText()).as(response.body()).isEqualTo("stream_broken");
      assertThat(last.at("/error/message").asText()).contains("groq/" + model);
      assertThat(groq.requests("/v1/chat/completions")).hasSize(1);
      assertThat(cerebras.requests("/v1/chat/completions")).isEmpty();
      assertThat(requestsCounted(coracle, "groq/" + model))
          .as("the upstream accepted the call, so the ledger counts it")
          .isEqualTo(1);
    }
  }

  @Test
  void broken_answer_is_not_cached() {
    try (CoracleUnderTest coracle = start("eof-no-done")) {
      streamed(coracle);
      HttpResponse<String> again = streamed(coracle);

      assertThat(sseData(again.body())).doesNotContain("[DONE]");
      assertThat(groq.requests("/v1/chat/completions")).hasSize(2);
    }
  }

  @Test
  void silence_before_the_first_token_falls_back_at_once_without_a_retry() {
    try (CoracleUnderTest coracle = start("stall-at-start")) {
      HttpResponse<String> response = streamed(coracle);

      List<String> events = sseData(response.body());
      assertThat(content(events)).as(response.body()).isEqualTo("echo: " + PROMPT);
      assertThat(finishReasons(events)).containsExactly("stop");
      assertThat(events.get(events.size() - 1)).isEqualTo("[DONE]");
      assertThat(groq.requests("/v1/chat/completions")).as("not retried").hasSize(1);
      assertThat(cerebras.requests("/v1/chat/completions")).hasSize(1);
      // About one idle timeout (2 s) between the two calls: the fallback waited for the silence
      // and no longer. The bounds are loose because the two fakes stamp requests when they read
      // them, on a machine that may be busy; a retry shows in the request count above.
      Duration gap =
          Duration.between(
              groq.requests("/v1/chat/completions").get(0).at(),
              cerebras.requests("/v1/chat/completions").get(0).at());
      assertThat(gap).isBetween(Duration.ofMillis(1500), Duration.ofSeconds(8));
    }
  }

  @Test
  void steady_stream_longer_than_the_idle_timeout_completes() {
    groq.setSteadyPause(Duration.ofMillis(700));
    try (CoracleUnderTest coracle = start("steady-slow")) {
      long started = System.nanoTime();
      HttpResponse<String> response = streamed(coracle);
      Duration took = Duration.ofNanos(System.nanoTime() - started);

      List<String> events = sseData(response.body());
      assertThat(took).as("longer than the 2 s idle timeout").isGreaterThan(Duration.ofSeconds(4));
      assertThat(content(events)).as(response.body()).isEqualTo("echo: " + PROMPT);
      assertThat(finishReasons(events)).containsExactly("stop");
      assertThat(events.get(events.size() - 1)).isEqualTo("[DONE]");
      assertThat(groq.requests("/v1/chat/completions")).hasSize(1);
      assertThat(cerebras.requests("/v1/chat/completions")).isEmpty();
    }
  }

  /**
   * Coracle whose every class tries {@code groq/<model>} first and then {@code cerebras/echo}. The
   * requests name the {@code coracle-fast} profile, so no classifier runs before the model.
   */
  private CoracleUnderTest start(String model) {
    String order = "[\"groq/" + model + "\", \"cerebras/echo\"]";
    String yaml =
        CoracleUnderTest.cloudOnly(
            """
            providers:
              - name: groq
                kind: openai-compatible
                base-url: "%s"
                api-key: "${FAKE_KEY:test-key}"
                idle-timeout-seconds: 2
                total-timeout-seconds: 60
                models: ["%s"]
              - name: cerebras
                kind: openai-compatible
                base-url: "%s"
                api-key: "${FAKE_KEY:test-key}"
                models: ["echo"]
            routing:
              fast: %s
              deep: %s
              research: %s
            """
                .formatted(groq.baseUrl(), model, cerebras.baseUrl(), order, order, order));
    return CoracleUnderTest.start(home, yaml);
  }

  private static HttpResponse<String> streamed(CoracleUnderTest coracle) {
    return post(
        coracle.baseUrl() + "/v1/chat/completions",
        chat("coracle-fast", PROMPT, "\"stream\": true"));
  }

  private static String content(List<String> events) {
    StringBuilder text = new StringBuilder();
    for (String event : events) {
      if (!event.equals("[DONE]")) {
        text.append(parse(event).at("/choices/0/delta/content").asText(""));
      }
    }
    return text.toString();
  }

  private static List<String> finishReasons(List<String> events) {
    return events.stream()
        .filter(event -> !event.equals("[DONE]"))
        .map(event -> parse(event).at("/choices/0/finish_reason"))
        .filter(reason -> reason.isTextual())
        .map(JsonNode::asText)
        .toList();
  }

  /** The most requests any window of the model's quota counts. */
  private static long requestsCounted(CoracleUnderTest coracle, String id) {
    for (JsonNode entry : json(HttpCalls.get(coracle.url("/api/providers"))).path("data")) {
      if (entry.path("id").asText().equals(id)) {
        long most = 0;
        for (JsonNode window : entry.path("quota").path("windows")) {
          most = Math.max(most, window.path("requests_used").asLong());
        }
        return most;
      }
    }
    throw new AssertionError(id + " is not in /api/providers");
  }
}
