package dev.coracle.activities.quota;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.micronaut.context.ApplicationContext;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class QuotaLedgerTest extends LedgerTestBase {

  static final String GROQ_70B = "llama-3.3-70b-versatile";

  @Test
  void admits_until_the_per_minute_limit_then_refuses_until_the_minute_rolls() {
    start(TestQuota.PROVIDERS);
    clock.set(NOON.plusSeconds(19));

    admitAll("groq", GROQ_70B, 30, 100);
    Admission refused = ledger.admit("groq", GROQ_70B, 100);

    assertThat(refused.admitted()).isFalse();
    assertThat(refused.reservation()).isNull();
    assertThat(refused.reason())
        .isEqualTo("groq/llama-3.3-70b-versatile: 30 requests per minute used; resets in 41 s");
    assertThat(refused.retryAt()).isEqualTo(NOON.plusSeconds(60));

    clock.set(NOON.plusSeconds(59));
    assertThat(ledger.admit("groq", GROQ_70B, 100).admitted()).isFalse();
    clock.set(NOON.plusSeconds(60));
    assertThat(ledger.admit("groq", GROQ_70B, 100).admitted()).isTrue();
  }

  @Test
  void a_refused_call_counts_nothing_and_check_counts_nothing() {
    start(withLimits("llama-3.3-70b-versatile: {requests-per-minute: 1}", "{}"));

    assertThat(ledger.check("groq", GROQ_70B, 10).admitted()).isTrue();
    assertThat(ledger.check("groq", GROQ_70B, 10).reservation()).isNull();
    admitAll("groq", GROQ_70B, 1, 10);
    for (int i = 0; i < 5; i++) {
      assertThat(ledger.admit("groq", GROQ_70B, 10).admitted()).isFalse();
    }
    assertThat(ledger.check("groq", GROQ_70B, 10).reason()).contains("1 requests per minute used");

    assertThat(day(quota("groq", GROQ_70B)).requestsUsed()).isEqualTo(1);
  }

  @Test
  void a_gemini_day_resets_at_midnight_pacific_not_utc() {
    // 20 November: Pacific standard time, UTC-8, so the Pacific day starts at 08:00 UTC.
    start(
        withLimits(
            "\"*\": {requests-per-minute: 0, requests-per-day: 2}",
            "\"*\": {requests-per-minute: 0, requests-per-day: 2}"));
    clock.set(Instant.parse("2026-11-20T07:30:00Z"));
    admitAll("gemini", "gemini-2.5-flash", 2, 0);
    admitAll("groq", GROQ_70B, 2, 0);

    Admission gemini = ledger.admit("gemini", "gemini-2.5-flash", 0);
    assertThat(gemini.reason())
        .isEqualTo("gemini/gemini-2.5-flash: 2 requests per day used; resets in 30 min");
    assertThat(gemini.retryAt()).isEqualTo(Instant.parse("2026-11-20T08:00:00Z"));
    Admission groq = ledger.admit("groq", GROQ_70B, 0);
    assertThat(groq.retryAt()).isEqualTo(Instant.parse("2026-11-21T00:00:00Z"));
    assertThat(groq.reason()).endsWith("2 requests per day used; resets in 16 h 30 min");

    clock.set(Instant.parse("2026-11-20T08:00:00Z"));
    assertThat(ledger.admit("gemini", "gemini-2.5-flash", 0).admitted()).isTrue();
    assertThat(ledger.admit("groq", GROQ_70B, 0).admitted()).isFalse();
  }

  @Test
  void in_summer_the_pacific_day_starts_at_07_utc() {
    start(withLimits("{}", "\"*\": {requests-per-minute: 0, requests-per-day: 1}"));
    clock.set(Instant.parse("2026-07-15T06:30:00Z"));
    admitAll("gemini", "gemini-2.5-flash", 1, 0);

    assertThat(ledger.admit("gemini", "gemini-2.5-flash", 0).retryAt())
        .isEqualTo(Instant.parse("2026-07-15T07:00:00Z"));
    clock.set(Instant.parse("2026-07-15T07:00:00Z"));
    assertThat(ledger.admit("gemini", "gemini-2.5-flash", 0).admitted()).isTrue();
  }

  @Test
  void reconcile_replaces_the_estimate_with_the_real_usage() {
    start(withLimits("llama-3.3-70b-versatile: {tokens-per-minute: 1000}", "{}"));

    Reservation first = ledger.admit("groq", GROQ_70B, 600).reservation();
    Admission second = ledger.admit("groq", GROQ_70B, 600);
    assertThat(second.reason())
        .isEqualTo(
            "groq/llama-3.3-70b-versatile: 600 of 1000 tokens per minute used, ~600 more needed;"
                + " resets in 1 min");

    ledger.reconcile(first, 100, 50);

    assertThat(ledger.admit("groq", GROQ_70B, 600).admitted()).isTrue();
    WindowQuota minute = window(quota("groq", GROQ_70B), WindowKind.MINUTE);
    assertThat(minute.tokensUsed()).isEqualTo(750);
    assertThat(minute.tokensLeft()).isEqualTo(250);
    assertThat(quota("groq", GROQ_70B).promptTokensAllTime()).isEqualTo(100);
  }

  @Test
  void reconcile_in_a_later_window_corrects_the_window_the_call_was_counted_in() {
    start(withLimits("llama-3.3-70b-versatile: {tokens-per-minute: 1000}", "{}"));
    Reservation reservation = ledger.admit("groq", GROQ_70B, 900).reservation();

    clock.advance(Duration.ofSeconds(70));
    ledger.reconcile(reservation, 10, 10);

    assertThat(window(quota("groq", GROQ_70B), WindowKind.MINUTE).tokensUsed()).isZero();
    assertThat(window(quota("groq", GROQ_70B), WindowKind.DAY).tokensUsed()).isEqualTo(20);
  }

  @Test
  void release_undoes_a_call_that_never_reached_the_upstream() {
    start(withLimits("llama-3.3-70b-versatile: {requests-per-minute: 1}", "{}"));

    Reservation reservation = ledger.admit("groq", GROQ_70B, 300).reservation();
    assertThat(ledger.admit("groq", GROQ_70B, 300).admitted()).isFalse();
    ledger.release(reservation);

    assertThat(ledger.admit("groq", GROQ_70B, 300).admitted()).isTrue();
    ModelQuota quota = quota("groq", GROQ_70B);
    assertThat(quota.callsToday()).isEqualTo(1);
    assertThat(quota.tokensToday()).isEqualTo(300);
  }

  @Test
  void a_request_larger_than_a_token_limit_is_refused_without_a_retry_time() {
    start(TestQuota.PROVIDERS);

    Admission admission = ledger.admit("groq", GROQ_70B, 20_000);

    assertThat(admission.admitted()).isFalse();
    assertThat(admission.retryAt()).isNull();
    assertThat(admission.reason())
        .isEqualTo(
            "groq/llama-3.3-70b-versatile: a request of ~20000 tokens exceeds the limit of 12000"
                + " tokens per minute");
  }

  @Test
  void zero_in_the_configuration_removes_a_catalog_limit() {
    start(withLimits("llama-3.3-70b-versatile: {requests-per-minute: 0}", "{}"));

    admitAll("groq", GROQ_70B, 100, 0);

    WindowQuota minute = window(quota("groq", GROQ_70B), WindowKind.MINUTE);
    assertThat(minute.requestLimit()).isZero();
    assertThat(minute.requestsLeft()).isNull();
    assertThat(window(quota("groq", GROQ_70B), WindowKind.DAY).requestsLeft()).isEqualTo(900);
  }

  @Test
  void openrouter_free_models_draw_on_one_shared_pool() {
    start(TestQuota.PROVIDERS);

    admitAll("openrouter", "deepseek/deepseek-r1:free", 12, 0);
    admitAll("openrouter", "meta-llama/llama-3.3-70b-instruct:free", 8, 0);
    Admission refused = ledger.admit("openrouter", "deepseek/deepseek-r1:free", 0);

    assertThat(refused.reason())
        .isEqualTo(
            "openrouter (all models together): 20 requests per minute used; resets in 1 min");
    ModelQuota r1 = quota("openrouter", "deepseek/deepseek-r1:free");
    assertThat(r1.model()).isEqualTo("deepseek/deepseek-r1:free");
    assertThat(r1.callsToday()).isEqualTo(12);
    assertThat(r1.windows())
        .filteredOn(WindowQuota::shared)
        .extracting(WindowQuota::window, WindowQuota::requestsUsed, WindowQuota::requestsLeft)
        .containsExactly(
            tuple(WindowKind.MINUTE, 20L, 0L),
            tuple(WindowKind.HOUR, 20L, null),
            tuple(WindowKind.DAY, 20L, 30L));
  }

  @Test
  void eight_threads_against_20_requests_per_minute_admit_exactly_20() throws Exception {
    start(withLimits("llama-3.3-70b-versatile: {requests-per-minute: 20}", "{}"));
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<Integer>> futures = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        futures.add(pool.submit(() -> admitted(ledger, 10)));
      }
      int admitted = 0;
      for (Future<Integer> future : futures) {
        admitted += future.get(60, TimeUnit.SECONDS);
      }
      assertThat(admitted).isEqualTo(20);
    } finally {
      pool.shutdownNow();
    }
    assertThat(window(quota("groq", GROQ_70B), WindowKind.MINUTE).requestsUsed()).isEqualTo(20);
  }

  @Test
  void two_applications_on_one_database_share_the_limit() throws Exception {
    String yaml = withLimits("llama-3.3-70b-versatile: {requests-per-minute: 20}", "{}");
    start(yaml);
    try (ApplicationContext other =
        TestQuota.start(
            dir.resolve("coracle.db"), clock, TestQuota.config(dir.resolve("other"), yaml))) {
      QuotaLedger second = other.getBean(QuotaLedger.class);
      ExecutorService pool = Executors.newFixedThreadPool(8);
      try {
        List<Future<Integer>> futures = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
          QuotaLedger mine = t % 2 == 0 ? ledger : second;
          futures.add(pool.submit(() -> admitted(mine, 10)));
        }
        int admitted = 0;
        for (Future<Integer> future : futures) {
          admitted += future.get(60, TimeUnit.SECONDS);
        }
        assertThat(admitted).isEqualTo(20);
      } finally {
        pool.shutdownNow();
      }
    }
  }

  @Test
  void old_minute_and_hour_rows_are_purged_and_day_rows_kept() {
    start(TestQuota.PROVIDERS);
    admitAll("groq", GROQ_70B, 2, 0);
    QuotaUsageRepository rows = context.getBean(QuotaUsageRepository.class);
    assertThat(rows.count()).isEqualTo(3);

    clock.advance(Duration.ofDays(4));
    admitAll("groq", GROQ_70B, 1, 0);

    assertThat(rows.findAll())
        .extracting(QuotaUsage::windowKind, QuotaUsage::windowStart)
        .containsExactlyInAnyOrder(
            tuple("day", NOON.minusSeconds(43200).toEpochMilli()),
            tuple("day", NOON.plus(Duration.ofDays(4)).minusSeconds(43200).toEpochMilli()),
            tuple("hour", NOON.plus(Duration.ofDays(4)).toEpochMilli()),
            tuple("minute", NOON.plus(Duration.ofDays(4)).toEpochMilli()));
    assertThat(quota("groq", GROQ_70B).callsAllTime()).isEqualTo(3);
  }

  /** How many of {@code attempts} calls {@code ledger} admits. */
  static int admitted(QuotaLedger ledger, int attempts) {
    int admitted = 0;
    for (int i = 0; i < attempts; i++) {
      if (ledger.admit("groq", GROQ_70B, 10).admitted()) {
        admitted++;
      }
    }
    return admitted;
  }

  static WindowQuota window(ModelQuota quota, WindowKind kind) {
    return quota.windows().stream()
        .filter(w -> w.window() == kind && !w.shared())
        .findFirst()
        .orElseThrow();
  }

  static WindowQuota day(ModelQuota quota) {
    return window(quota, WindowKind.DAY);
  }
}
