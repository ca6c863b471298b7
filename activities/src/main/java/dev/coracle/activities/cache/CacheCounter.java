package dev.coracle.activities.cache;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

/** One lookup counter, a row of the {@code semantic_cache_stats} table. */
@MappedEntity("semantic_cache_stats")
record CacheCounter(@Id String name, long total) {

  static final String HITS = "hits";
  static final String MISSES = "misses";
  static final String SKIPPED = "skipped";
}
