package dev.coracle.activities.quota;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coracle.activities.providers.RateLimitParser;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Limits read from an upstream's headers cap later windows, and survive a restart. */
class LearnedLimitsTest extends LedgerTestBase {

  static final String GROQ_70B = "llama-3.3-70b-versatile";

  /** What Groq-like headers say after the first call of a minute whose limit is 5. */
  private static Map<String, List<String>> fiveAMinute() {
    return Map.of(
        "x-ratelimit-limit-requests", List.of("5"),
        "x-ratelimit-remaining-requests", List.of("4"),
        "x-ratelimit-reset-requests", List.of("12s"));
  }

  @Test
  void a_limit_learned_from_headers_caps_the_next_window_also_after_a_restart() {
    start(withLimits("llama-3.3-70b-versatile: {requests-per-minute: 30}", "{}"));
    ledger.learn("groq", GROQ_70B, RateLimitParser.fromHeaders(fiveAMinute(), NOON));

    clock.set(NOON.plus(Duration.ofMinutes(1)));
    admitAll("groq", GROQ_70B, 5, 10);
    assertThat(ledger.admit("groq", GROQ_70B, 10).reason())
        .isEqualTo("groq/llama-3.3-70b-versatile: 5 requests per minute used; resets in 1 min");

    restart();
    clock.set(NOON.plus(Duration.ofMinutes(2)));
    admitAll("groq", GROQ_70B, 5, 10);
    assertThat(ledger.admit("groq", GROQ_70B, 10).admitted())
        .as("the learned limit of 5 still holds after a restart, below the configured 30")
        .isFalse();
    ModelQuota quota = quota("groq", GROQ_70B);
    assertThat(quota.windows().get(0).requestLimit()).isEqualTo(5);
    assertThat(quota.learnedLimits())
        .containsExactly(
            new LearnedLimit(
                WindowKind.MINUTE, "requests", 5, "x-ratelimit-limit-requests", NOON, false));
  }

  @Test
  void a_configured_limit_lower_than_the_learned_one_still_holds() {
    start(withLimits("llama-3.3-70b-versatile: {requests-per-minute: 2}", "{}"));
    ledger.learn("groq", GROQ_70B, RateLimitParser.fromHeaders(fiveAMinute(), NOON));

    clock.set(NOON.plus(Duration.ofMinutes(1)));
    admitAll("groq", GROQ_70B, 2, 10);

    assertThat(ledger.admit("groq", GROQ_70B, 10).admitted()).isFalse();
  }

  @Test
  void a_newer_report_replaces_the_learned_limit() {
    start(withLimits("llama-3.3-70b-versatile: {requests-per-minute: 30}", "{}"));
    ledger.learn("groq", GROQ_70B, RateLimitParser.fromHeaders(fiveAMinute(), NOON));
    Instant later = NOON.plus(Duration.ofMinutes(3));
    clock.set(later);

    ledger.learn(
        "groq",
        GROQ_70B,
        RateLimitParser.fromHeaders(
            Map.of(
                "x-ratelimit-limit-requests", List.of("8"),
                "x-ratelimit-reset-requests", List.of("30s")),
            later));

    assertThat(quota("groq", GROQ_70B).learnedLimits())
        .extracting(LearnedLimit::limit, LearnedLimit::learnedAt)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(8, later));
    admitAll("groq", GROQ_70B, 8, 10);
    assertThat(ledger.admit("groq", GROQ_70B, 10).admitted()).isFalse();
  }

  @Test
  void a_gemini_per_day_quota_is_learned_for_the_day() {
    start(withLimits("{}", "gemini-2.5-flash: {requests-per-day: 1000}"));
    String body =
        """
        {"error":{"code":429,"status":"RESOURCE_EXHAUSTED","message":"quota","details":[
          {"@type":"type.googleapis.com/google.rpc.QuotaFailure","violations":[
            {"quotaMetric":"generativelanguage.googleapis.com/generate_content_free_tier_requests",
             "quotaId":"GenerateRequestsPerDayPerProjectPerModel-FreeTier","quotaValue":"3"}]},
          {"@type":"type.googleapis.com/google.rpc.RetryInfo","retryDelay":"47s"}]}}
        """;

    ledger.rateLimited("gemini", "gemini-2.5-flash", RateLimitParser.fromErrorBody(body, NOON));

    assertThat(quota("gemini", "gemini-2.5-flash").learnedLimits())
        .containsExactly(
            new LearnedLimit(
                WindowKind.DAY,
                "requests",
                3,
                "GenerateRequestsPerDayPerProjectPerModel-FreeTier",
                NOON,
                false));
    assertThat(quota("gemini", "gemini-2.5-flash").windows().get(2).requestLimit()).isEqualTo(3);
  }
}
