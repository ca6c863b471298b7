package dev.coracle.activities.quota;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coracle.activities.providers.RateLimitInfo;
import dev.coracle.activities.store.AfterAnswerWrites;
import io.micronaut.context.ApplicationContext;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A model with no limit, configured or reported (a paid key, a server on the LAN): its calls are
 * decided without the admission lock and counted through the after-answer writer, and what the
 * store shows afterwards is what the locked path would have written.
 */
class UnlimitedModelsTest extends LedgerTestBase {

  private static final String FAKE =
      """
      local:
        ollama:
          enabled: false
      providers:
        - name: fake
          kind: openai-compatible
          base-url: "http://127.0.0.1:9/v1"
          models: ["fake-model"]
      """;

  @Test
  void calls_are_counted_settled_and_released_in_the_store() {
    start(FAKE);

    Reservation settled = ledger.admit("fake", "fake-model", 100).reservation();
    Reservation released = ledger.admit("fake", "fake-model", 100).reservation();
    ledger.admit("fake", "fake-model", 100);
    ledger.reconcile(settled, 30, 20);
    ledger.release(released);

    assertThat(minuteRow())
        .extracting(QuotaUsage::requests, QuotaUsage::tokens, QuotaUsage::promptTokens)
        .containsExactly(2L, 150L, 30L);
  }

  @Test
  void a_release_while_the_count_is_still_queued_comes_after_it() throws Exception {
    start(FAKE);
    // The first admission also purges old rows, which would wait for the held writer's lock.
    ledger.admit("fake", "fake-model", 100);
    AfterAnswerWrites writes = context.getBean(AfterAnswerWrites.class);
    CountDownLatch hold = new CountDownLatch(1);
    // The writer waits here, so the count below is still queued when the release is made.
    writes.submit("a slow write", () -> await(hold));

    Reservation reservation = ledger.admit("fake", "fake-model", 100).reservation();
    ledger.release(reservation);
    hold.countDown();

    assertThat(minuteRow())
        .extracting(QuotaUsage::requests, QuotaUsage::tokens)
        .containsExactly(1L, 100L);
  }

  @Test
  void a_cooldown_and_a_disabled_key_still_refuse() {
    start(FAKE);
    ledger.rateLimited(
        "fake",
        "fake-model",
        new RateLimitInfo(null, null, null, null, null, null, Duration.ofSeconds(30), null, null));

    assertThat(ledger.admit("fake", "fake-model", 10).reason())
        .isEqualTo("fake/fake-model: cooling down after HTTP 429; resets in 30 s");

    clock.advance(Duration.ofSeconds(31));
    ledger.disable("fake", "HTTP 401: bad key");
    assertThat(ledger.admit("fake", "fake-model", 10).reason())
        .isEqualTo("fake: disabled: HTTP 401: bad key");
  }

  @Test
  void a_limit_the_upstream_reports_later_counts_the_calls_made_before_it() {
    start(FAKE);
    ledger.admit("fake", "fake-model", 10);

    ledger.learn(
        "fake",
        "fake-model",
        new RateLimitInfo(3, null, null, null, NOON.plusSeconds(30), null, null, null, null));

    assertThat(ledger.admit("fake", "fake-model", 10).admitted()).isTrue();
    assertThat(ledger.admit("fake", "fake-model", 10).admitted()).isTrue();
    assertThat(ledger.admit("fake", "fake-model", 10).reason())
        .isEqualTo("fake/fake-model: 3 requests per minute used; resets in 1 min");
  }

  @Test
  void two_applications_on_one_store_count_together_and_a_restart_keeps_the_counts() {
    start(FAKE);
    try (ApplicationContext other =
        TestQuota.start(
            dir.resolve("coracle.db"), clock, TestQuota.config(dir.resolve("other"), FAKE))) {
      QuotaLedger second = other.getBean(QuotaLedger.class);
      admitAll("fake", "fake-model", 4, 10);
      for (int i = 0; i < 3; i++) {
        assertThat(second.admit("fake", "fake-model", 10).admitted()).isTrue();
      }
    }
    // Closing writes out what was queued; the store alone holds the counts after a restart.
    restart();

    assertThat(minuteRow())
        .extracting(QuotaUsage::requests, QuotaUsage::tokens)
        .containsExactly(7L, 70L);
  }

  /** The minute row of fake/fake-model, once every queued write is in the store. */
  private QuotaUsage minuteRow() {
    context.getBean(AfterAnswerWrites.class).awaitWritten();
    List<QuotaUsage> rows =
        context.getBean(QuotaUsageRepository.class).findAll().stream()
            .filter(row -> row.model().equals("fake-model") && row.windowKind().equals("minute"))
            .toList();
    assertThat(rows).hasSize(1);
    return rows.get(0);
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
