package dev.coracle.activities.cache;

import dev.coracle.activities.store.AfterAnswerWrites;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The cache's counters (hits, misses, skipped lookups, in all and per day) and each entry's hits,
 * gathered in memory and handed to the after-answer writer together, at most once every {@link
 * #WRITE_EVERY}. A lookup thus writes nothing and wakes no thread on its way to the answer, and a
 * busy second of lookups costs one short write. Readers of the counts' tables call {@link
 * #awaitWritten} first. A process killed outright loses at most the last second's counts: they are
 * statistics, and no answer depends on them.
 */
@Singleton
public class CacheCounts {

  /** How long counts may wait in memory before they are queued for the store. */
  static final Duration WRITE_EVERY = Duration.ofSeconds(1);

  private static final long DAY_MILLIS = 86_400_000L;

  private final AfterAnswerWrites writes;
  private final CacheEntryRepository entries;
  private final CacheCounterRepository counters;
  private Pending pending = new Pending();
  private boolean scheduled;
  private boolean closed;

  /** What was counted since the last write. */
  private static final class Pending {
    /** A counter's name and UTC day (epoch days), and how much to add to both its totals. */
    final Map<CounterDay, Long> counts = new HashMap<>();

    /** An entry's id, and how many hits to add and the latest one's time. */
    final Map<Long, long[]> entryHits = new HashMap<>();

    boolean isEmpty() {
      return counts.isEmpty() && entryHits.isEmpty();
    }
  }

  private record CounterDay(String name, long day) {}

  CacheCounts(
      AfterAnswerWrites writes, CacheEntryRepository entries, CacheCounterRepository counters) {
    this.writes = writes;
    this.entries = entries;
    this.counters = counters;
  }

  /** Counts a hit on the entry {@code entryId} at {@code now} (epoch milliseconds). */
  synchronized void hit(long entryId, long now) {
    long[] hits = pending.entryHits.computeIfAbsent(entryId, id -> new long[2]);
    hits[0]++;
    hits[1] = Math.max(hits[1], now);
    count(CacheCounter.HITS, now);
  }

  /** Counts one more of {@code counter} at {@code now} (epoch milliseconds). */
  synchronized void count(String counter, long now) {
    pending.counts.merge(new CounterDay(counter, now / DAY_MILLIS), 1L, Long::sum);
    if (!scheduled && !closed) {
      scheduled = true;
      CompletableFuture.delayedExecutor(WRITE_EVERY.toMillis(), TimeUnit.MILLISECONDS)
          .execute(this::writeOut);
    }
  }

  /** Writes everything counted so far, and waits until it is in the store. */
  public void awaitWritten() {
    writeOut();
    writes.awaitWritten();
  }

  /** Queues everything counted so far on the after-answer writer. */
  synchronized void writeOut() {
    scheduled = false;
    if (pending.isEmpty()) {
      return;
    }
    Pending taken = pending;
    pending = new Pending();
    writes.submit("cache counters", () -> write(taken));
  }

  /** Queues what is left before the store closes; later counts are not kept. */
  @PreDestroy
  synchronized void close() {
    closed = true;
    writeOut();
  }

  private void write(Pending taken) {
    taken.counts.forEach(
        (key, amount) -> {
          counters.add(key.name(), amount);
          counters.addDay(key.name(), key.day(), amount);
        });
    taken.entryHits.forEach((id, hits) -> entries.recordHits(id, hits[0], hits[1]));
  }
}
