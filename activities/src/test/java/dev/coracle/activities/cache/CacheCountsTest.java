package dev.coracle.activities.cache;

import static dev.coracle.activities.cache.SemanticCacheTest.NOON;
import static dev.coracle.activities.cache.SemanticCacheTest.REVERSE;
import static dev.coracle.activities.cache.SemanticCacheTest.REVERSE_ANSWER;
import static dev.coracle.activities.cache.TestCache.ask;
import static org.assertj.core.api.Assertions.assertThat;

import dev.coracle.activities.store.AfterAnswerWrites;
import dev.coracle.activities.store.MutableClock;
import dev.coracle.activities.store.StoreSuite;
import io.micronaut.context.ApplicationContext;
import io.micronaut.transaction.TransactionOperations;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A lookup only reads; its counts reach the store later, together. What a user reads (the stats,
 * the per-day rows the dashboard charts, each entry's hits) must still add up.
 */
@StoreSuite
class CacheCountsTest {

  private static final int LOOKUPS = 40;

  @TempDir Path dir;

  final MutableClock clock = new MutableClock(NOON);
  ApplicationContext context;
  SemanticCache cache;

  @BeforeEach
  void start() {
    context =
        TestCache.start(
            dir.resolve("coracle.db"),
            clock,
            TestCache.config(dir.resolve("home"), TestCache.DEFAULT_CACHE));
    cache = context.getBean(SemanticCache.class);
  }

  @AfterEach
  void stop() {
    context.close();
  }

  @Test
  void a_burst_of_hits_reaches_the_daily_rows_and_the_entry_without_any_reader_asking()
      throws InterruptedException {
    cache.store(ask("coracle", REVERSE), REVERSE_ANSWER);
    for (int i = 0; i < LOOKUPS; i++) {
      assertThat(cache.lookup(ask("coracle", REVERSE)).hit()).isTrue();
    }

    // Nothing here reads the stats: the counts are written on their own within a second.
    Map<String, Long> today = awaitDailyHits(LOOKUPS);

    assertThat(today).containsEntry(CacheCounter.HITS, (long) LOOKUPS);
    assertThat(context.getBean(CacheEntryRepository.class).findAll())
        .singleElement()
        .satisfies(entry -> assertThat(entry.hits()).isEqualTo(LOOKUPS))
        .satisfies(entry -> assertThat(entry.lastHitAt()).isEqualTo(NOON.toEpochMilli()));
    assertThat(cache.stats()).isEqualTo(new CacheStats(LOOKUPS, 0, 0, 1, 1.0));
  }

  @Test
  void counts_still_in_memory_are_written_when_the_application_closes() {
    cache.store(ask("coracle", REVERSE), REVERSE_ANSWER);
    cache.lookup(ask("coracle", REVERSE));
    cache.lookup(ask("coracle", "How do I sort a dict by value in Python?"));
    cache.lookup(Requests.withTools(ask("coracle", REVERSE)));

    context.close();
    start();

    assertThat(cache.stats()).isEqualTo(new CacheStats(1, 1, 1, 1, 0.5));
  }

  /** Today's per-day totals once they show {@code hits} hits, read straight from the table. */
  private Map<String, Long> awaitDailyHits(long hits) throws InterruptedException {
    long deadline = System.nanoTime() + 30_000_000_000L;
    Map<String, Long> today = dailyTotals();
    while (today.getOrDefault(CacheCounter.HITS, 0L) < hits && System.nanoTime() < deadline) {
      context.getBean(AfterAnswerWrites.class).awaitWritten();
      Thread.sleep(20);
      today = dailyTotals();
    }
    return today;
  }

  @SuppressWarnings("unchecked")
  private Map<String, Long> dailyTotals() {
    TransactionOperations<Connection> transactions = context.getBean(TransactionOperations.class);
    return transactions.executeRead(
        status -> {
          Map<String, Long> totals = new HashMap<>();
          try (PreparedStatement statement =
              status
                  .getConnection()
                  .prepareStatement("SELECT name, total FROM semantic_cache_daily WHERE day = ?")) {
            statement.setLong(1, NOON.toEpochMilli() / 86_400_000L);
            try (ResultSet rows = statement.executeQuery()) {
              while (rows.next()) {
                totals.put(rows.getString(1), rows.getLong(2));
              }
            }
          } catch (SQLException e) {
            throw new IllegalStateException(e);
          }
          return totals;
        });
  }
}
