package dev.coracle.activities.providers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.coracle.fakes.FakeGeminiServer;
import dev.coracle.fakes.FakeOllamaServer;
import dev.coracle.fakes.FakeOpenAiServer;
import dev.coracle.fakes.FakeUpstreamServer;
import dev.coracle.workflows.chat.ChatErrorType;
import dev.coracle.workflows.chat.ChatMessage;
import dev.coracle.workflows.model.ModelAnswer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * How streams end, over real HTTP against each fake upstream: a stream that stalls, stops without
 * its terminator or carries an error event fails as {@code STREAM_BROKEN} after exactly the tokens
 * the upstream sent, never as a complete answer; a long stream with steady tokens completes. The
 * timeouts are small so each case takes about a second; the bounds checked are generous.
 */
class HonestStreamsTest {

  /** Seven word tokens: "echo:" and the six words. */
  private static final List<ChatMessage> LONG =
      List.of(new ChatMessage("user", "one two three four five six"));

  private static final String FULL_ANSWER = "echo: one two three four five six";
  private static final String FIRST_THREE = "echo: one two";
  private static final Duration IDLE = Duration.ofSeconds(1);

  private final ModelInvoker invoker = new ModelInvoker();
  private final List<String> tokens = new CopyOnWriteArrayList<>();
  private FakeUpstreamServer<?> server;

  @AfterEach
  void stopFake() {
    if (server != null) {
      server.close();
    }
  }

  @ParameterizedTest
  @EnumSource(names = {"OPENAI_COMPATIBLE", "OLLAMA", "GEMINI"})
  void stream_that_stalls_after_three_tokens_breaks_after_exactly_those(ProviderKind kind) {
    ProviderException error = streamFails(kind, "stall-after-3", IDLE, Duration.ofMinutes(1));

    assertThat(String.join("", tokens)).isEqualTo(FIRST_THREE);
    assertThat(error.type()).isEqualTo(ChatErrorType.STREAM_BROKEN);
    assertThat(error.timedOut()).isTrue();
    assertThat(error.reach()).isEqualTo(UpstreamReach.ACCEPTED);
    assertThat(error.getMessage())
        .startsWith("fake/stall-after-3: stream broke after tokens were sent: ")
        .contains("no data for 1s while streaming (idle timeout)");
    assertThat(generations()).isEqualTo(1);
  }

  @ParameterizedTest
  @EnumSource(names = {"OPENAI_COMPATIBLE", "OLLAMA", "GEMINI"})
  void stream_that_ends_without_its_terminator_is_broken_not_complete(ProviderKind kind) {
    ProviderException error =
        streamFails(kind, "eof-no-done", Duration.ofSeconds(30), Duration.ofMinutes(1));

    assertThat(String.join("", tokens)).isEqualTo(FIRST_THREE);
    assertThat(error.type()).isEqualTo(ChatErrorType.STREAM_BROKEN);
    assertThat(error.timedOut()).isFalse();
    String reason =
        switch (kind) {
          case OLLAMA -> "the upstream closed the stream without its \"done\": true line";
          case GEMINI -> "the upstream closed the stream without a finishReason";
          default -> "the upstream closed the stream without data: [DONE]";
        };
    // Well before the idle timeout: the end of the body is noticed, not waited out.
    assertThat(error.getMessage()).endsWith(reason);
    assertThat(generations()).isEqualTo(1);
  }

  @ParameterizedTest
  @EnumSource(names = {"OPENAI_COMPATIBLE", "OLLAMA", "GEMINI"})
  void stream_with_an_error_event_is_broken_not_complete(ProviderKind kind) {
    ProviderException error =
        streamFails(kind, "error-event", Duration.ofSeconds(30), Duration.ofMinutes(1));

    assertThat(String.join("", tokens)).isEqualTo(FIRST_THREE);
    assertThat(error.type()).isEqualTo(ChatErrorType.STREAM_BROKEN);
    assertThat(error.getMessage())
        .startsWith("fake/error-event: stream broke after tokens were sent: ");
    if (kind != ProviderKind.OLLAMA) {
      // LangChain4j turns Ollama's error line into an error of its own; the others it ignores.
      assertThat(error.getMessage()).contains("the upstream sent an error event: ");
    }
    assertThat(generations()).isEqualTo(1);
  }

  @Test
  void openrouter_error_chunk_with_finish_reason_error_is_broken_despite_done() {
    ProviderException error =
        streamFails(
            ProviderKind.OPENAI_COMPATIBLE,
            "finish-error",
            Duration.ofSeconds(30),
            Duration.ofMinutes(1));

    assertThat(String.join("", tokens)).isEqualTo(FIRST_THREE);
    assertThat(error.type()).isEqualTo(ChatErrorType.STREAM_BROKEN);
    assertThat(error.getMessage())
        .contains("the upstream ended the answer with finish_reason \"error\"")
        .contains("Provider disconnected");
  }

  @ParameterizedTest
  @EnumSource(names = {"OPENAI_COMPATIBLE", "OLLAMA", "GEMINI"})
  void silence_before_the_first_token_is_an_ordinary_timeout(ProviderKind kind) {
    ProviderException error = streamFails(kind, "stall-at-start", IDLE, Duration.ofMinutes(1));

    assertThat(tokens).isEmpty();
    assertThat(error.type()).isEqualTo(ChatErrorType.UPSTREAM_UNAVAILABLE);
    assertThat(error.timedOut()).isTrue();
    assertThat(error.reach()).isEqualTo(UpstreamReach.ACCEPTED);
    assertThat(generations()).isEqualTo(1);
  }

  @ParameterizedTest
  @EnumSource(names = {"OPENAI_COMPATIBLE", "OLLAMA", "GEMINI"})
  void steady_stream_longer_than_the_idle_timeout_completes(ProviderKind kind) {
    start(kind).setSteadyPause(Duration.ofMillis(400));

    long started = System.nanoTime();
    ModelAnswer answer =
        invoker.invoke(
            endpoint(kind, IDLE, Duration.ofMinutes(1)), "steady-slow", LONG, null, tokens::add);
    Duration took = Duration.ofNanos(System.nanoTime() - started);

    // Seven tokens 400 ms apart: well past the 1 s idle timeout, never 1 s apart.
    assertThat(took).isGreaterThan(Duration.ofMillis(2500));
    assertThat(answer.content()).isEqualTo(FULL_ANSWER);
    assertThat(answer.finishReason()).isEqualTo("stop");
    assertThat(tokens).hasSize(7);
  }

  @ParameterizedTest
  @EnumSource(names = {"OPENAI_COMPATIBLE", "OLLAMA", "GEMINI"})
  void steady_stream_longer_than_the_total_timeout_breaks(ProviderKind kind) {
    start(kind).setSteadyPause(Duration.ofMillis(400));

    ProviderException error =
        catchThrowableOfType(
            () ->
                invoker.invoke(
                    endpoint(kind, IDLE, Duration.ofMillis(1500)),
                    "steady-slow",
                    LONG,
                    null,
                    tokens::add),
            ProviderException.class);

    assertThat(error.type()).isEqualTo(ChatErrorType.STREAM_BROKEN);
    assertThat(error.getMessage()).contains("the answer took longer than 1500ms (total timeout)");
    assertThat(tokens).hasSizeBetween(1, 6);
  }

  @ParameterizedTest
  @EnumSource(names = {"OPENAI_COMPATIBLE", "OLLAMA", "GEMINI"})
  void plain_answer_cut_off_in_transit_is_an_error(ProviderKind kind) {
    start(kind);

    ProviderException error =
        catchThrowableOfType(
            () ->
                invoker.invoke(
                    endpoint(kind, Duration.ofSeconds(30), Duration.ofMinutes(1)),
                    "eof-no-done",
                    LONG,
                    null,
                    null),
            ProviderException.class);

    assertThat(error.type()).isEqualTo(ChatErrorType.UPSTREAM_UNAVAILABLE);
    assertThat(error.reach()).isEqualTo(UpstreamReach.ACCEPTED);
    assertThat(generations()).isEqualTo(1);
  }

  @Test
  void plain_answer_with_finish_reason_error_is_an_error() {
    start(ProviderKind.OPENAI_COMPATIBLE);

    ProviderException error =
        catchThrowableOfType(
            () ->
                invoker.invoke(
                    endpoint(
                        ProviderKind.OPENAI_COMPATIBLE,
                        Duration.ofSeconds(30),
                        Duration.ofMinutes(1)),
                    "finish-error",
                    LONG,
                    null,
                    null),
            ProviderException.class);

    assertThat(error.type()).isEqualTo(ChatErrorType.UPSTREAM_UNAVAILABLE);
    assertThat(error.reach()).isEqualTo(UpstreamReach.ACCEPTED);
    assertThat(error.getMessage())
        .isEqualTo("fake/finish-error: the upstream ended the answer with finish_reason \"error\"");
  }

  @ParameterizedTest
  @EnumSource(names = {"OPENAI_COMPATIBLE", "OLLAMA", "GEMINI"})
  void plain_answer_that_never_comes_times_out(ProviderKind kind) {
    start(kind);

    ProviderException error =
        catchThrowableOfType(
            () ->
                invoker.invoke(
                    endpoint(kind, IDLE, Duration.ofMinutes(1)),
                    "stall-at-start",
                    LONG,
                    null,
                    null),
            ProviderException.class);

    assertThat(error.type()).isEqualTo(ChatErrorType.UPSTREAM_UNAVAILABLE);
    assertThat(error.timedOut()).isTrue();
  }

  private ProviderException streamFails(
      ProviderKind kind, String model, Duration idle, Duration total) {
    start(kind);
    return catchThrowableOfType(
        () -> invoker.invoke(endpoint(kind, idle, total), model, LONG, null, tokens::add),
        ProviderException.class);
  }

  private FakeUpstreamServer<?> start(ProviderKind kind) {
    server =
        switch (kind) {
          case OLLAMA -> new FakeOllamaServer().start();
          case GEMINI -> new FakeGeminiServer().start();
          default -> new FakeOpenAiServer().start();
        };
    return server;
  }

  private ProviderEndpoint endpoint(ProviderKind kind, Duration idle, Duration total) {
    return new ProviderEndpoint("fake", kind, server.baseUrl(), "sk-test", idle, null, total);
  }

  /** Calls that reached the model, leaving out listings and probes. */
  private long generations() {
    return server.requests().stream().filter(r -> r.method().equals("POST")).count();
  }
}
