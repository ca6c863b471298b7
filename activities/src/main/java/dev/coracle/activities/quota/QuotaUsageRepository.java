package dev.coracle.activities.quota;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.util.List;

/**
 * The {@code quota_usage} table's reads for the status page and its purge. The writes every model
 * call makes are plain JDBC: {@link UsageWrites}.
 */
@JdbcRepository(dialect = Dialect.ANSI)
interface QuotaUsageRepository extends CrudRepository<QuotaUsage, Long> {

  /** Every row of windows that started at or after {@code since}. */
  @Query("SELECT * FROM quota_usage WHERE window_start >= :since")
  List<QuotaUsage> since(long since);

  /** Real usage per provider and model over every recorded day. */
  @Query(
      """
      SELECT provider, model,
             SUM(requests) AS requests,
             SUM(prompt_tokens) AS prompt_tokens,
             SUM(completion_tokens) AS completion_tokens
      FROM quota_usage
      WHERE window_kind = 'day'
      GROUP BY provider, model
      """)
  List<UsageTotals> totals();

  /** Forgets finished windows of one kind; day rows are kept for the all-time savings. */
  @Query("DELETE FROM quota_usage WHERE window_kind = :windowKind AND window_start < :before")
  void deleteBefore(String windowKind, long before);
}
