package dev.coracle.activities.cache;

import dev.coracle.activities.cache.CacheRows.StoredAnswer;
import dev.coracle.activities.cache.CandidateMatcher.Scored;
import dev.coracle.activities.store.AfterAnswerWrites;
import dev.coracle.activities.store.PlainReads;
import dev.coracle.activities.store.StoreTransactions;
import dev.coracle.workflows.chat.ChatResult;
import io.micronaut.transaction.annotation.ReadOnly;
import jakarta.inject.Singleton;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cache's rows and counters. Each method is one short transaction; embeddings are computed
 * before it starts, so SQLite's write lock is held for milliseconds. A lookup only reads: what it
 * counts (the hit or miss, the entry's hits) is gathered by {@link CacheCounts} and written later
 * by the after-answer writer, so an answer from the cache never waits for SQLite's write lock.
 */
@Singleton
class CacheStore {

  private static final Logger log = LoggerFactory.getLogger(CacheStore.class);

  /** Answers kept per model and earlier turns; a lookup scans at most these. */
  static final int MAX_PER_CONTEXT = 200;

  /** Answers kept in all; with the TTL this bounds the table. */
  static final int MAX_ENTRIES = 10_000;

  /** What a lookup found: an answer on a hit, else null, and the best similarity seen. */
  record Outcome(ChatResult result, double similarity, int candidates) {
    boolean hit() {
      return result != null;
    }
  }

  private final CacheEntryRepository entries;
  private final CacheRows rows;
  private final CacheCounterRepository counters;
  private final CacheCounts counts;
  private final AfterAnswerWrites writes;
  private final StoreTransactions transactions;
  private final PlainReads plainReads;
  private final ParsedAnswers parsed = new ParsedAnswers();

  CacheStore(
      CacheEntryRepository entries,
      CacheRows rows,
      CacheCounterRepository counters,
      CacheCounts counts,
      AfterAnswerWrites writes,
      StoreTransactions transactions,
      PlainReads plainReads) {
    this.plainReads = plainReads;
    this.entries = entries;
    this.rows = rows;
    this.counters = counters;
    this.counts = counts;
    this.writes = writes;
    this.transactions = transactions;
  }

  /** Finds the best unexpired answer under {@code key} and counts the hit or miss. */
  @ReadOnly
  public Outcome lookup(CacheKey key, CandidateMatcher matcher, Integer maxTokens, long now) {
    List<CacheEntry> candidates =
        rows.candidates(key.modelName(), key.contextHash(), key.promptKey(), now, MAX_PER_CONTEXT);
    Scored best = matcher.best(candidates, maxTokens);
    double similarity = best == null ? 0.0 : best.similarity();
    if (best != null && matcher.matches(similarity)) {
      ChatResult result = readOrForget(best.entry());
      if (result != null) {
        counts.hit(best.entry().id(), now);
        return new Outcome(result, similarity, candidates.size());
      }
    }
    counts.count(CacheCounter.MISSES, now);
    return new Outcome(null, similarity, candidates.size());
  }

  /**
   * The newest unexpired answer under {@code key} whose stored prompt is the very same text,
   * counted as a hit; null when there is none. It needs no embedding, so the cache tries it first.
   * One statement on a pooled connection ({@link PlainReads}), outside any transaction: it reads
   * only the matching rows' answers, and an answer read before is not parsed again.
   */
  public Outcome sameText(CacheKey key, Integer maxTokens, long now) {
    if (key.promptText().length() > SemanticCache.STORED_PROMPT_CHARS) {
      // Only the start of a long prompt is stored, so equal starts say nothing.
      return null;
    }
    List<StoredAnswer> answers =
        plainReads.read(
            connection ->
                CacheRows.sameText(
                    connection,
                    key.modelName(),
                    key.contextHash(),
                    key.promptKey(),
                    key.promptText(),
                    now,
                    maxTokens == null ? 0 : Math.max(0, maxTokens),
                    MAX_PER_CONTEXT));
    for (StoredAnswer answer : answers) {
      ChatResult result = parsed.read(answer.id(), answer.resultJson());
      if (result == null) {
        forget(answer.id(), null);
        continue;
      }
      counts.hit(answer.id(), now);
      return new Outcome(result, 1.0, answers.size());
    }
    return null;
  }

  /**
   * Stores {@code entry}, replacing the answers to prompts it matches (a {@code no-cache} request
   * refreshes them), and deletes expired and surplus rows so the table stays bounded. One
   * transaction: the after-answer writer's batch, where answers are stored, else its own.
   */
  public void save(CacheEntry entry, CandidateMatcher matcher) {
    transactions.write(() -> replace(entry, matcher));
  }

  private void replace(CacheEntry entry, CandidateMatcher matcher) {
    rows.deleteExpired(entry.createdAt());
    List<CacheEntry> older =
        rows.candidates(
            entry.modelName(),
            entry.contextHash(),
            entry.promptKey(),
            entry.createdAt(),
            MAX_PER_CONTEXT);
    for (CacheEntry old : older) {
      if (matcher.matches(old)) {
        rows.delete(old.id());
      }
    }
    rows.insert(entry);
    rows.keepNewestOfContext(entry.modelName(), entry.contextHash(), MAX_PER_CONTEXT);
    rows.keepNewest(MAX_ENTRIES);
  }

  /**
   * Counts one more of {@code counter}, in all and in today's total, which the dashboard charts.
   */
  public void count(String counter) {
    counts.count(counter, System.currentTimeMillis());
  }

  /**
   * The counters and the answers held now. The counts still in memory are written first; the read
   * transaction reads nothing before they are (SQLite takes its snapshot at the first read).
   */
  @ReadOnly
  public CacheStats stats(long now) {
    counts.awaitWritten();
    Map<String, Long> totals = new HashMap<>();
    counters.findAll().forEach(counter -> totals.put(counter.name(), counter.total()));
    return CacheStats.of(
        totals.getOrDefault(CacheCounter.HITS, 0L),
        totals.getOrDefault(CacheCounter.MISSES, 0L),
        totals.getOrDefault(CacheCounter.SKIPPED, 0L),
        entries.countByExpiresAtGreaterThan(now));
  }

  /**
   * The stored answer, or null when it no longer reads; such a row is deleted by the writer (a
   * lookup's transaction only reads).
   */
  private ChatResult readOrForget(CacheEntry entry) {
    try {
      return ResultJson.read(entry.resultJson());
    } catch (UncheckedIOException e) {
      forget(entry.id(), e);
      return null;
    }
  }

  /** Queues the deletion of an entry whose answer no longer reads. */
  private void forget(long id, UncheckedIOException why) {
    log.warn(
        "Deleting cache entry {}: {}",
        id,
        why == null ? "its answer does not read" : why.getCause().getMessage());
    writes.submit("deletion of cache entry " + id, () -> rows.delete(id));
  }
}
