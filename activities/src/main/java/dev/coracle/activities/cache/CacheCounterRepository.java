package dev.coracle.activities.cache;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

/** The {@code semantic_cache_stats} table; the migration creates every counter's row. */
@JdbcRepository(dialect = Dialect.ANSI)
interface CacheCounterRepository extends CrudRepository<CacheCounter, String> {

  @Query("UPDATE semantic_cache_stats SET total = total + :amount WHERE name = :name")
  void add(String name, long amount);

  /** Counts {@code amount} more in the UTC day {@code day} (epoch days), creating the day's row. */
  @Query(
      """
      INSERT INTO semantic_cache_daily (day, name, total) VALUES (:day, :name, :amount)
      ON CONFLICT (day, name) DO UPDATE SET total = semantic_cache_daily.total + :amount
      """)
  void addDay(String name, long day, long amount);
}
