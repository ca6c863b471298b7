package dev.coracle.activities.quota;

import static dev.coracle.activities.quota.QuotaLedgerTest.GROQ_70B;
import static dev.coracle.activities.quota.QuotaLedgerTest.window;
import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.ApplicationContext;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Two applications on one store, each with its own connection pool as two processes would have,
 * race for the last requests of a window: together they spend exactly what is left. On PostgreSQL
 * this holds only because an admission holds its provider's lock; on SQLite, because every
 * transaction takes the write lock first.
 */
class LastRequestRaceTest extends LedgerTestBase {

  private static final int LIMIT = 30;
  private static final int LEFT = 3;
  private static final int THREADS_PER_APPLICATION = 6;
  private static final int ATTEMPTS_PER_THREAD = 4;

  @Test
  void two_applications_racing_for_the_last_3_requests_spend_exactly_3() throws Exception {
    String yaml = withLimits(GROQ_70B + ": {requests-per-minute: " + LIMIT + "}", "{}");
    start(yaml);
    admitAll("groq", GROQ_70B, LIMIT - LEFT, 10);

    try (ApplicationContext other =
        TestQuota.start(
            dir.resolve("coracle.db"), clock, TestQuota.config(dir.resolve("other"), yaml))) {
      QuotaLedger second = other.getBean(QuotaLedger.class);
      int admitted = race(List.of(ledger, second));

      assertThat(admitted).isEqualTo(LEFT);
      assertThat(window(quota("groq", GROQ_70B), WindowKind.MINUTE).requestsUsed())
          .isEqualTo(LIMIT);
      assertThat(second.admit("groq", GROQ_70B, 10).admitted()).isFalse();
    }
  }

  /** Every thread waits at one gate, then tries; returns how many admissions were granted. */
  private static int race(List<QuotaLedger> ledgers) throws Exception {
    int threads = THREADS_PER_APPLICATION * ledgers.size();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch gate = new CountDownLatch(1);
    try {
      List<Future<Integer>> futures = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        QuotaLedger mine = ledgers.get(t % ledgers.size());
        futures.add(
            pool.submit(
                () -> {
                  gate.await();
                  return QuotaLedgerTest.admitted(mine, ATTEMPTS_PER_THREAD);
                }));
      }
      gate.countDown();
      int admitted = 0;
      for (Future<Integer> future : futures) {
        admitted += future.get(60, TimeUnit.SECONDS);
      }
      return admitted;
    } finally {
      pool.shutdownNow();
    }
  }
}
