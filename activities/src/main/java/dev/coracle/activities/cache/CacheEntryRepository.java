package dev.coracle.activities.cache;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

/**
 * The {@code semantic_cache} table's counts and hits. What every lookup and stored answer does is
 * plain JDBC: {@link CacheRows}. Times are epoch milliseconds, as stored.
 */
@JdbcRepository(dialect = Dialect.ANSI)
interface CacheEntryRepository extends CrudRepository<CacheEntry, Long> {

  /** Adds {@code hits} to an entry's hits, the latest at {@code at}; a deleted entry is skipped. */
  @Query(
      """
      UPDATE semantic_cache SET hits = hits + :hits,
        last_hit_at = CASE WHEN last_hit_at IS NULL OR last_hit_at < :at THEN :at ELSE last_hit_at END
      WHERE id = :id
      """)
  void recordHits(long id, long hits, long at);

  long countByExpiresAtGreaterThan(long now);
}
