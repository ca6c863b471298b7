package dev.coracle.activities.cache;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

/** The {@code semantic_cache_stats} table; the migration creates every counter's row. */
@JdbcRepository(dialect = Dialect.ANSI)
interface CacheCounterRepository extends CrudRepository<CacheCounter, String> {

  @Query("UPDATE semantic_cache_stats SET total = total + 1 WHERE name = :name")
  void increment(String name);
}
