package dev.coracle.activities.quota;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coracle.activities.model.QuotaGate;
import dev.coracle.activities.providers.ModelInvoker;
import dev.coracle.activities.providers.ProviderEndpoint;
import dev.coracle.activities.providers.ProviderException;
import dev.coracle.activities.providers.ProviderKind;
import dev.coracle.fakes.FakeGeminiServer;
import dev.coracle.workflows.chat.ChatMessage;
import dev.coracle.workflows.model.ModelTarget;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Gemini's per-day 429 over real HTTP, in the body Google sends: a {@code QuotaFailure} naming
 * {@code GenerateRequestsPerDayPerProjectPerModel-FreeTier} and a {@code RetryInfo} of seconds. The
 * model must rest until midnight Pacific, not until the delay runs out.
 */
class GeminiDailyQuotaTest extends LedgerTestBase {

  private static final String MODEL = "rate-limited-day";

  private final ModelInvoker invoker = new ModelInvoker();
  private FakeGeminiServer gemini;
  private QuotaGate gate;
  private ProviderEndpoint endpoint;
  private final ModelTarget target = new ModelTarget("gemini", MODEL, false, 10);

  @BeforeEach
  void startGemini() {
    gemini = new FakeGeminiServer().start();
    start(
        """
        local:
          ollama:
            enabled: false
        providers:
          - name: gemini
            kind: gemini
            base-url: "%s"
            api-key: "${GEMINI_API_KEY:test-key}"
            models: ["%s", "rate-limited"]
        """
            .formatted(gemini.baseUrl(), MODEL));
    gate = new QuotaGate(ledger);
    endpoint =
        new ProviderEndpoint(
            "gemini", ProviderKind.GEMINI, gemini.baseUrl(), "test-key", Duration.ofSeconds(10));
  }

  @AfterEach
  void stopGemini() {
    gemini.close();
  }

  @Test
  void a_per_day_429_with_a_retry_delay_of_seconds_rests_the_model_until_midnight_pacific() {
    // 04:00 in Los Angeles (PST): the next reset is 08:00 UTC tomorrow, 20 hours away.
    Instant midnightPacific = Instant.parse("2026-11-21T08:00:00Z");

    assertThat(attempt()).as("the first call reaches Gemini").isTrue();
    assertThat(calls()).isEqualTo(1);

    for (Duration later :
        List.of(
            Duration.ofSeconds(42),
            Duration.ofSeconds(61),
            Duration.ofMinutes(5),
            Duration.ofHours(1),
            Duration.ofHours(13),
            Duration.between(NOON, midnightPacific).minusSeconds(1))) {
      clock.set(NOON.plus(later));
      assertThat(attempt()).as("a call %s after the 429", later).isFalse();
    }
    assertThat(calls()).as("no call reaches Gemini before its daily reset").isEqualTo(1);
    assertThat(quota("gemini", MODEL).cooldownUntil()).isEqualTo(midnightPacific);
    assertThat(quota("gemini", MODEL).availableAt()).isEqualTo(midnightPacific);

    clock.set(midnightPacific);
    assertThat(attempt()).as("at midnight Pacific the quota is back").isTrue();
    assertThat(calls()).isEqualTo(2);
  }

  @Test
  void a_per_minute_429_cools_down_for_the_retry_delay_only() {
    ModelTarget minute = new ModelTarget("gemini", "rate-limited", false, 10);

    attempt(minute);

    assertThat(quota("gemini", "rate-limited").cooldownUntil())
        .as("the RetryInfo of 13 s, not the end of a longer window")
        .isEqualTo(NOON.plusSeconds(13));
    clock.set(NOON.plusSeconds(61));
    assertThat(attempt(minute)).as("the next minute may call again").isTrue();
    assertThat(gemini.requests().stream().filter(r -> r.path().contains("/rate-limited:")))
        .hasSize(2);
  }

  private boolean attempt() {
    return attempt(target);
  }

  /** One call as the model activity makes it: reserve, call, settle; false when refused. */
  private boolean attempt(ModelTarget call) {
    Reservation reservation;
    try {
      reservation = gate.reserve(call, 10);
    } catch (ApplicationFailure refused) {
      return false;
    }
    try {
      gate.succeeded(
          reservation,
          invoker.invoke(
              endpoint,
              call.model(),
              List.of(new ChatMessage("user", "hello")),
              null,
              null,
              null,
              info -> gate.learn(call, info)),
          10);
    } catch (ProviderException e) {
      gate.failed(call, reservation, e);
    }
    return true;
  }

  private long calls() {
    return gemini.requests().stream().filter(r -> r.path().contains("/" + MODEL + ":")).count();
  }
}
