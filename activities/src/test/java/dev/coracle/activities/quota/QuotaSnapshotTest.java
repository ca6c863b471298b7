package dev.coracle.activities.quota;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The per-model view that the {@code /api/providers} endpoint shows. */
class QuotaSnapshotTest extends LedgerTestBase {

  static final String WITH_OLLAMA =
      """
      local:
        ollama:
          enabled: true
          reasoning-model: "qwen2.5:7b"
          coder-model: "qwen2.5-coder:7b"
      providers:
        - name: groq
          kind: openai-compatible
          base-url: "https://api.groq.com/openai/v1"
          models: ["llama-3.3-70b-versatile"]
      """;

  @Test
  void snapshot_lists_every_configured_model_with_its_windows_and_state() {
    start(WITH_OLLAMA);
    clock.set(NOON.plusSeconds(15));
    Reservation call = ledger.admit("groq", "llama-3.3-70b-versatile", 500).reservation();
    ledger.reconcile(call, 300, 100);
    ledger.admit("groq", "llama-3.3-70b-versatile", 200);
    ledger.recordFailure("groq", "llama-3.3-70b-versatile", "HTTP 503 server error:\n  overloaded");

    List<ModelQuota> snapshot = ledger.snapshot();

    assertThat(snapshot)
        .extracting(ModelQuota::provider, ModelQuota::model, ModelQuota::local)
        .containsExactly(
            tuple("ollama", "qwen2.5:7b", true),
            tuple("ollama", "qwen2.5-coder:7b", true),
            tuple("groq", "llama-3.3-70b-versatile", false));
    ModelQuota groq = snapshot.get(2);
    assertThat(groq.windows())
        .containsExactly(
            new WindowQuota(
                WindowKind.MINUTE,
                false,
                NOON,
                NOON.plusSeconds(60),
                30,
                2,
                28L,
                12000,
                600,
                11400L),
            new WindowQuota(
                WindowKind.HOUR, false, NOON, NOON.plusSeconds(3600), 0, 2, null, 0, 600, null),
            new WindowQuota(
                WindowKind.DAY,
                false,
                Instant.parse("2026-11-20T00:00:00Z"),
                Instant.parse("2026-11-21T00:00:00Z"),
                1000,
                2,
                998L,
                100000,
                600,
                99400L));
    assertThat(groq.available()).isTrue();
    assertThat(groq.catalog()).isEqualTo("groq");
    assertThat(groq.callsToday()).isEqualTo(2);
    assertThat(groq.tokensToday()).isEqualTo(600);
    assertThat(groq.lastError()).isEqualTo("HTTP 503 server error: overloaded");
    assertThat(groq.lastErrorAt()).isEqualTo(NOON.plusSeconds(15));
    assertThat(groq.contextWindow()).isEqualTo(131072);
    assertThat(groq.price().name()).isEqualTo("groq-llama-3.3-70b");
    assertThat(groq.cooldownUntil()).isNull();
    assertThat(groq.disabled()).isFalse();

    ModelQuota local = snapshot.get(0);
    assertThat(local.windows()).allSatisfy(w -> assertThat(w.requestsLeft()).isNull());
    assertThat(local.catalog()).isEqualTo("ollama");
    assertThat(local.available()).isTrue();
  }

  @Test
  void snapshot_says_why_a_model_is_unavailable_and_until_when() {
    start(withLimits("llama-3.3-70b-versatile: {requests-per-minute: 1}", "{}"));
    ledger.admit("groq", "llama-3.3-70b-versatile", 0);

    ModelQuota groq = quota("groq", "llama-3.3-70b-versatile");

    assertThat(groq.available()).isFalse();
    assertThat(groq.unavailable())
        .isEqualTo("groq/llama-3.3-70b-versatile: 1 requests per minute used; resets in 1 min");
    assertThat(groq.availableAt()).isEqualTo(NOON.plusSeconds(60));
  }

  @Test
  void savings_value_real_tokens_at_the_catalog_list_price() {
    start(WITH_OLLAMA);
    // Groq's paid price for llama-3.3-70b-versatile: 0.59 USD in, 0.79 USD out per million.
    Reservation groq = ledger.admit("groq", "llama-3.3-70b-versatile", 0).reservation();
    ledger.reconcile(groq, 1_000_000, 500_000);
    // A local model is valued as gpt-4o-mini: 0.15 in, 0.60 out.
    Reservation local = ledger.admit("ollama", "qwen2.5:7b", 0).reservation();
    ledger.reconcile(local, 2_000_000, 1_000_000);

    assertThat(savings("groq").today()).isCloseTo(0.59 + 0.395, within(1e-9));
    assertThat(savings("ollama").today()).isCloseTo(0.30 + 0.60, within(1e-9));
    assertThat(ledger.savings().allTime()).isCloseTo(0.985 + 0.90, within(1e-9));

    clock.advance(Duration.ofDays(1));
    ledger.admit("groq", "llama-3.3-70b-versatile", 0);

    assertThat(savings("groq").today()).isZero();
    assertThat(savings("groq").allTime()).isCloseTo(0.985, within(1e-9));
    ModelQuota quota =
        ledger.snapshot().stream().filter(q -> q.provider().equals("groq")).findFirst().get();
    assertThat(quota.callsToday()).isEqualTo(1);
    assertThat(quota.callsAllTime()).isEqualTo(2);
    assertThat(quota.promptTokensAllTime()).isEqualTo(1_000_000);
    assertThat(quota.completionTokensAllTime()).isEqualTo(500_000);
  }

  @Test
  void estimates_of_calls_in_flight_are_not_savings() {
    start(WITH_OLLAMA);

    ledger.admit("groq", "llama-3.3-70b-versatile", 5000);

    assertThat(savings("groq")).isEqualTo(Savings.NONE);
  }

  private Savings savings(String provider) {
    return ledger.snapshot().stream()
        .filter(q -> q.provider().equals(provider))
        .map(ModelQuota::savings)
        .reduce(Savings.NONE, Savings::plus);
  }
}
