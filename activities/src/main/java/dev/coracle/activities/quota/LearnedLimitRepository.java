package dev.coracle.activities.quota;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

/** The {@code learned_limit} table; one row per provider, model, window and unit. */
@JdbcRepository(dialect = Dialect.ANSI)
interface LearnedLimitRepository extends CrudRepository<LearnedLimitRow, Long> {

  /** Stores the latest report of a limit: the upstream may have raised it as well as lowered it. */
  @Query(
      """
      INSERT INTO learned_limit
          (provider, model, window_kind, unit, limit_value, source, learned_at)
      VALUES (:provider, :model, :windowKind, :unit, :limit, :source, :learnedAt)
      ON CONFLICT (provider, model, window_kind, unit) DO UPDATE
      SET limit_value = excluded.limit_value,
          source = excluded.source,
          learned_at = excluded.learned_at
      """)
  void remember(
      String provider,
      String model,
      String windowKind,
      String unit,
      int limit,
      String source,
      long learnedAt);
}
