package dev.coracle.activities.cache;

import dev.coracle.activities.cache.CacheStore.Outcome;
import dev.coracle.activities.config.CoracleConfig.CacheConfig;
import dev.coracle.activities.config.LoadedConfig;
import dev.coracle.activities.embeddings.LocalEmbeddings;
import dev.coracle.activities.metrics.CacheResult;
import dev.coracle.activities.metrics.CoracleMetrics;
import dev.coracle.activities.store.AfterAnswerWrites;
import dev.coracle.workflows.chat.CacheLookup;
import dev.coracle.workflows.chat.ChatRequest;
import dev.coracle.workflows.chat.ChatResult;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The semantic cache: a chat request without tools gets an earlier answer when its last user turn
 * says the same as an earlier one (cosine similarity of their embeddings at least {@code
 * cache.similarity}), with the same model name, the same earlier turns and the same exact words
 * (numbers, identifiers, negations). Answers expire after {@code cache.ttl-hours}.
 */
@Singleton
public class SemanticCache {

  private static final Logger log = LoggerFactory.getLogger(SemanticCache.class);

  /** How much of an exact-only prompt is kept for people to read; its key is what matches. */
  static final int STORED_PROMPT_CHARS = 1000;

  /** Why a lookup hit before any embedding. */
  static final String SAME_TEXT = "the same question was answered before";

  private final LoadedConfig loaded;
  private final LocalEmbeddings embeddings;
  private final CacheStore store;
  private final Clock clock;
  private final EmbeddingMemo memo = new EmbeddingMemo();
  private final CacheKeyMemo keys = new CacheKeyMemo();
  private final CoracleMetrics metrics;
  private final AfterAnswerWrites writes;

  SemanticCache(
      LoadedConfig loaded,
      LocalEmbeddings embeddings,
      CacheStore store,
      Clock clock,
      CoracleMetrics metrics,
      AfterAnswerWrites writes) {
    this.metrics = metrics;
    this.loaded = loaded;
    this.embeddings = embeddings;
    this.store = store;
    this.clock = clock;
    this.writes = writes;
  }

  /** An earlier answer to {@code request}, or a miss that says why; counts either. */
  public CacheLookup lookup(ChatRequest request) {
    CacheConfig config = config();
    Optional<String> skip = Eligibility.lookupSkipReason(request, config);
    if (skip.isPresent()) {
      if (config.enabled()) {
        // A disabled cache touches nothing, not even its counters.
        store.count(CacheCounter.SKIPPED);
        metrics.cacheLookup(CacheResult.SKIPPED);
      }
      return CacheLookup.miss(skip.get());
    }
    CacheKey key = keys.of(request);
    Integer maxTokens = request.params() == null ? null : request.params().maxTokens();
    // Answers are stored after they have gone out, on the store's writer; see every one so far.
    writes.awaitWritten();
    if (!key.exact()) {
      // The same words again are the commonest hit; finding them needs no embedding.
      Outcome same = store.sameText(key, maxTokens, clock.millis());
      if (same != null) {
        metrics.cacheLookup(CacheResult.EXACT_HIT);
        return new CacheLookup(true, served(same.result()), 1.0, SAME_TEXT);
      }
    }
    Outcome outcome = store.lookup(key, matcher(key, config), maxTokens, clock.millis());
    if (outcome.hit()) {
      metrics.cacheLookup(CacheResult.hit(outcome.similarity()));
      return new CacheLookup(
          true, served(outcome.result()), outcome.similarity(), hitReason(outcome, key));
    }
    metrics.cacheLookup(CacheResult.MISS);
    return new CacheLookup(false, null, outcome.similarity(), missReason(outcome, config));
  }

  /**
   * Remembers {@code result} as the answer to {@code request}, unless either must not be cached. A
   * {@code no-cache} request's answer is remembered and replaces the one it bypassed.
   */
  public void store(ChatRequest request, ChatResult result) {
    CacheConfig config = config();
    if (config.enabled() && request.bypassCache()) {
      // The workflow no longer asks the cache to look up a no-cache request (it would only refuse),
      // so the refusal is counted here, after the answer has gone out. Counted in memory like a
      // lookup's, so the counters' next write (and any reader of them) has it.
      store.count(CacheCounter.SKIPPED);
    }
    Optional<String> skip = Eligibility.storeSkipReason(request, result, config);
    if (skip.isPresent()) {
      log.debug("Not caching the answer for {}: {}", request.model(), skip.get());
      return;
    }
    CacheKey key = keys.of(request);
    CandidateMatcher matcher = matcher(key, config);
    long now = clock.millis();
    CacheEntry entry =
        new CacheEntry(
            null,
            now,
            now + Duration.ofHours(config.ttlHours()).toMillis(),
            key.modelName(),
            key.contextHash(),
            key.promptKey(),
            storedPrompt(key),
            matcher.vector() == null ? null : Vectors.toBytes(matcher.vector()),
            ResultJson.write(result),
            result.usage() == null ? 0 : result.usage().completionTokens(),
            0,
            null);
    // The embedding is made here; only the rows wait for the store's writer, with other answers'.
    writes.submit("cache entry for " + key.modelName(), () -> store.save(entry, matcher));
  }

  /** Counters since the store was created, and the answers held now. */
  public CacheStats stats() {
    writes.awaitWritten();
    return store.stats(clock.millis());
  }

  private CacheConfig config() {
    return loaded.config().cache();
  }

  /** Exact-only prompts are not embedded: their key decides, and long text is slow to embed. */
  private CandidateMatcher matcher(CacheKey key, CacheConfig config) {
    float[] vector = key.exact() ? null : memo.embedding(key.embeddingText(), embeddings::embed);
    return new CandidateMatcher(vector, config.similarity(), key.promptText());
  }

  /**
   * The earlier answer as this request's: it took no model time and had no fallbacks, but it still
   * names the provider and model that wrote it.
   */
  private static ChatResult served(ChatResult stored) {
    return new ChatResult(
        stored.classification(),
        stored.provider(),
        stored.model(),
        stored.content(),
        stored.finishReason(),
        stored.usage(),
        0,
        List.of(),
        null,
        true);
  }

  private static String storedPrompt(CacheKey key) {
    String prompt = key.promptText();
    return prompt.length() <= STORED_PROMPT_CHARS
        ? prompt
        : prompt.substring(0, STORED_PROMPT_CHARS);
  }

  private static String hitReason(Outcome outcome, CacheKey key) {
    return key.exact()
        ? "the same question was answered before"
        : String.format(Locale.ROOT, "similar to an earlier question (%.3f)", outcome.similarity());
  }

  private static String missReason(Outcome outcome, CacheConfig config) {
    if (outcome.candidates() == 0) {
      return "no earlier answer";
    }
    return String.format(
        Locale.ROOT,
        "closest earlier question %.3f, below %s",
        outcome.similarity(),
        config.similarity());
  }
}
