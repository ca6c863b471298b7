package dev.coracle.activities.cache;

/**
 * What the semantic cache has done since the store was created.
 *
 * @param hits lookups answered from the cache
 * @param misses eligible lookups that found no close enough earlier answer
 * @param skipped lookups the cache did not try: tools, high temperature, {@code no-cache}; a
 *     disabled cache counts nothing
 * @param entries unexpired answers held now
 * @param hitRate hits over eligible lookups (hits and misses), 0 before the first
 */
public record CacheStats(long hits, long misses, long skipped, long entries, double hitRate) {

  static CacheStats of(long hits, long misses, long skipped, long entries) {
    long eligible = hits + misses;
    return new CacheStats(
        hits, misses, skipped, entries, eligible == 0 ? 0.0 : (double) hits / eligible);
  }

  /** Every lookup, eligible or not. */
  public long lookups() {
    return hits + misses + skipped;
  }
}
