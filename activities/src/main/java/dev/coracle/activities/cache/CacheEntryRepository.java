package dev.coracle.activities.cache;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.util.List;

/** The {@code semantic_cache} table. Times are epoch milliseconds, as stored. */
@JdbcRepository(dialect = Dialect.ANSI)
interface CacheEntryRepository extends CrudRepository<CacheEntry, Long> {

  /** The unexpired answers under one key, newest first. */
  @Query(
      """
      SELECT * FROM semantic_cache
      WHERE model_name = :modelName AND context_hash = :contextHash AND prompt_key = :promptKey
        AND expires_at > :now
      ORDER BY id DESC
      LIMIT :limit
      """)
  List<CacheEntry> candidates(
      String modelName, String contextHash, String promptKey, long now, int limit);

  /** Adds {@code hits} to an entry's hits, the latest at {@code at}; a deleted entry is skipped. */
  @Query(
      """
      UPDATE semantic_cache SET hits = hits + :hits,
        last_hit_at = CASE WHEN last_hit_at IS NULL OR last_hit_at < :at THEN :at ELSE last_hit_at END
      WHERE id = :id
      """)
  void recordHits(long id, long hits, long at);

  @Query("DELETE FROM semantic_cache WHERE expires_at <= :now")
  void deleteExpired(long now);

  /** Keeps the newest {@code keep} rows of one model and context. */
  @Query(
      """
      DELETE FROM semantic_cache
      WHERE model_name = :modelName AND context_hash = :contextHash
        AND id NOT IN (
          SELECT id FROM semantic_cache
          WHERE model_name = :modelName AND context_hash = :contextHash
          ORDER BY id DESC
          LIMIT :keep)
      """)
  void keepNewestOfContext(String modelName, String contextHash, int keep);

  /** Keeps the newest {@code keep} rows of the whole table. */
  @Query(
      """
      DELETE FROM semantic_cache
      WHERE id <= (SELECT id FROM semantic_cache ORDER BY id DESC LIMIT 1 OFFSET :keep)
      """)
  void keepNewest(int keep);

  long countByExpiresAtGreaterThan(long now);
}
