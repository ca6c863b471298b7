package dev.coracle.activities.metrics;

/** What one look in the answer cache found, as {@code coracle_cache_lookups_total} labels it. */
public enum CacheResult {
  /** The same words (or the same exact-only key) were answered before. */
  EXACT_HIT("hit", "exact"),
  /** A close enough earlier prompt was answered before. */
  SEMANTIC_HIT("hit", "semantic"),
  /** The cache was asked and had nothing close enough. */
  MISS("miss", "none"),
  /** The request may not be served from the cache (streaming tools, no-cache, a job…). */
  SKIPPED("skipped", "none");

  private final String result;
  private final String match;

  CacheResult(String result, String match) {
    this.result = result;
    this.match = match;
  }

  String result() {
    return result;
  }

  String match() {
    return match;
  }

  /** A hit whose similarity is 1 matched the same text; anything less matched by meaning. */
  public static CacheResult hit(double similarity) {
    return similarity >= 1.0 ? EXACT_HIT : SEMANTIC_HIT;
  }
}
