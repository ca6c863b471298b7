package dev.coracle.activities.quota;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coracle.activities.providers.RateLimitInfo;
import dev.coracle.activities.providers.RateLimitInfo.Scope;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** What the upstreams say (headers, 429, 401) and how long the ledger remembers it. */
class QuotaLedgerUpstreamTest extends LedgerTestBase {

  static final String GROQ_70B = "llama-3.3-70b-versatile";

  @Test
  void learned_zero_remaining_refuses_until_its_reset() {
    start(TestQuota.PROVIDERS);
    Instant reset = NOON.plusSeconds(90);

    ledger.learn("groq", GROQ_70B, requests(1000, 0, reset));
    Admission refused = ledger.admit("groq", GROQ_70B, 10);

    assertThat(refused.reason())
        .isEqualTo(
            "groq/llama-3.3-70b-versatile: the provider reports 0 requests left;"
                + " resets in 1 min 30 s");
    assertThat(refused.retryAt()).isEqualTo(reset);
    clock.set(reset);
    assertThat(ledger.admit("groq", GROQ_70B, 10).admitted()).isTrue();
  }

  @Test
  void calls_admitted_after_a_report_are_taken_off_its_remaining_count() {
    start(TestQuota.PROVIDERS);

    ledger.learn("groq", GROQ_70B, requests(1000, 2, NOON.plusSeconds(600)));
    admitAll("groq", GROQ_70B, 2, 10);

    assertThat(ledger.admit("groq", GROQ_70B, 10).reason())
        .contains("the provider reports 0 requests left");
    assertThat(quota("groq", GROQ_70B).learned().remainingRequests()).isZero();
  }

  @Test
  void learned_tokens_refuse_a_call_that_needs_more_than_is_left() {
    start(TestQuota.PROVIDERS);
    RateLimitInfo tokens =
        new RateLimitInfo(null, null, 12000, 500, null, NOON.plusSeconds(7), null, null, null);

    ledger.learn("groq", GROQ_70B, tokens);

    assertThat(ledger.admit("groq", GROQ_70B, 2000).reason())
        .isEqualTo(
            "groq/llama-3.3-70b-versatile: the provider reports 500 tokens left, ~2000 needed;"
                + " resets in 7 s");
    assertThat(ledger.admit("groq", GROQ_70B, 400).admitted()).isTrue();
  }

  @Test
  void a_report_without_counts_changes_nothing() {
    start(TestQuota.PROVIDERS);

    ledger.learn(
        "groq", GROQ_70B, new RateLimitInfo(null, null, null, null, null, null, null, null, null));

    assertThat(quota("groq", GROQ_70B).learned()).isNull();
  }

  @Test
  void a_429_with_retry_after_sets_a_cooldown_that_holds_across_a_restart() {
    start(TestQuota.PROVIDERS);
    RateLimitInfo info =
        new RateLimitInfo(null, null, null, null, null, null, Duration.ofSeconds(120), null, null);

    Instant until = ledger.rateLimited("groq", GROQ_70B, info);

    assertThat(until).isEqualTo(NOON.plusSeconds(120));
    restart();
    Admission refused = ledger.admit("groq", GROQ_70B, 10);
    assertThat(refused.reason())
        .isEqualTo("groq/llama-3.3-70b-versatile: cooling down after HTTP 429; resets in 2 min");
    assertThat(refused.retryAt()).isEqualTo(until);
    assertThat(ledger.admit("groq", "llama-3.1-8b-instant", 10).admitted()).isTrue();
    ModelQuota quota = quota("groq", GROQ_70B);
    assertThat(quota.cooldownUntil()).isEqualTo(until);
    assertThat(quota.lastError()).isEqualTo("HTTP 429 rate limited");
    assertThat(quota.lastErrorAt()).isEqualTo(NOON);

    clock.set(until);
    assertThat(ledger.admit("groq", GROQ_70B, 10).admitted()).isTrue();
  }

  @Test
  void a_gemini_daily_429_cools_down_until_midnight_pacific() {
    start(TestQuota.PROVIDERS);
    clock.set(Instant.parse("2026-11-20T20:00:00Z"));
    RateLimitInfo perDay =
        new RateLimitInfo(
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            Scope.DAY,
            "GenerateRequestsPerDayPerProjectPerModel-FreeTier");

    Instant until = ledger.rateLimited("gemini", "gemini-2.5-flash", perDay);

    assertThat(until).isEqualTo(Instant.parse("2026-11-21T08:00:00Z"));
    assertThat(ledger.admit("gemini", "gemini-2.5-flash", 10).reason())
        .isEqualTo(
            "gemini/gemini-2.5-flash: cooling down after HTTP 429"
                + " (GenerateRequestsPerDayPerProjectPerModel-FreeTier); resets in 12 h");
  }

  @Test
  void a_shorter_cooldown_does_not_cut_a_longer_one() {
    start(TestQuota.PROVIDERS);
    ledger.rateLimited("gemini", "gemini-2.5-flash", scoped(Scope.DAY));

    ledger.rateLimited("gemini", "gemini-2.5-flash", scoped(Scope.MINUTE));

    assertThat(quota("gemini", "gemini-2.5-flash").cooldownUntil())
        .isEqualTo(Instant.parse("2026-11-21T08:00:00Z"));
  }

  @Test
  void a_429_from_a_provider_with_a_shared_pool_cools_down_all_its_models() {
    start(TestQuota.PROVIDERS);

    ledger.rateLimited("openrouter", "deepseek/deepseek-r1:free", scoped(Scope.MINUTE));

    assertThat(ledger.admit("openrouter", "meta-llama/llama-3.3-70b-instruct:free", 0).reason())
        .isEqualTo(
            "openrouter (all models together): cooling down after HTTP 429; resets in 1 min");
  }

  @Test
  void a_disabled_provider_is_refused_until_enabled() {
    start(TestQuota.PROVIDERS);

    ledger.disable("groq", "HTTP 401 unauthorized: Invalid API Key");
    Admission refused = ledger.admit("groq", "llama-3.1-8b-instant", 10);

    assertThat(refused.reason())
        .isEqualTo("groq: disabled: HTTP 401 unauthorized: Invalid API Key");
    assertThat(refused.retryAt()).isNull();
    assertThat(ledger.admit("gemini", "gemini-2.5-flash", 10).admitted()).isTrue();
    restart();
    ModelQuota quota = quota("groq", "llama-3.1-8b-instant");
    assertThat(quota.disabled()).isTrue();
    assertThat(quota.disabledReason()).isEqualTo("HTTP 401 unauthorized: Invalid API Key");
    assertThat(quota.unavailable()).startsWith("groq: disabled");

    ledger.enable("groq");

    assertThat(ledger.admit("groq", "llama-3.1-8b-instant", 10).admitted()).isTrue();
    assertThat(quota("groq", "llama-3.1-8b-instant").disabled()).isFalse();
  }

  @Test
  void what_is_left_today_survives_a_restart() {
    start(withLimits("\"*\": {requests-per-minute: 0, requests-per-day: 3}", "{}"));
    admitAll("groq", GROQ_70B, 3, 0);

    restart();
    clock.advance(Duration.ofHours(1));

    assertThat(ledger.admit("groq", GROQ_70B, 0).reason()).contains("3 requests per day used");
  }

  static RateLimitInfo requests(int limit, int remaining, Instant reset) {
    return new RateLimitInfo(limit, remaining, null, null, reset, null, null, null, null);
  }

  static RateLimitInfo scoped(Scope scope) {
    return new RateLimitInfo(null, null, null, null, null, null, null, scope, null);
  }
}
