package dev.coracle.activities.quota;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.util.List;

/**
 * The {@code quota_usage} table. A call counts in three rows (minute, hour, day) of its model, and
 * three more of the pool {@code *} when its provider has one; methods that take {@code model} and
 * {@code pool} touch both (pass the model twice for a provider without a pool).
 */
@JdbcRepository(dialect = Dialect.ANSI)
interface QuotaUsageRepository extends CrudRepository<QuotaUsage, Long> {

  /**
   * Counts one request and its tokens in the minute, hour and day windows of a model (or a pool),
   * creating their rows on first use: one statement for the three windows.
   */
  @Query(
      """
      INSERT INTO quota_usage (provider, model, window_kind, window_start, requests, tokens,
                               prompt_tokens, completion_tokens)
      VALUES (:provider, :model, 'minute', :minute, 1, :tokens, 0, 0),
             (:provider, :model, 'hour', :hour, 1, :tokens, 0, 0),
             (:provider, :model, 'day', :day, 1, :tokens, 0, 0)
      ON CONFLICT (provider, model, window_kind, window_start)
      DO UPDATE SET requests = quota_usage.requests + excluded.requests,
                    tokens = quota_usage.tokens + excluded.tokens
      """)
  void countRequest(String provider, String model, long minute, long hour, long day, long tokens);

  /** Replaces an estimate with real usage in the windows a reservation counted in. */
  @Query(
      """
      UPDATE quota_usage
      SET tokens = CASE WHEN tokens + :tokenDelta > 0 THEN tokens + :tokenDelta ELSE 0 END,
          prompt_tokens = prompt_tokens + :promptTokens,
          completion_tokens = completion_tokens + :completionTokens
      WHERE provider = :provider AND (model = :model OR model = :pool)
        AND ((window_kind = 'minute' AND window_start = :minute)
          OR (window_kind = 'hour' AND window_start = :hour)
          OR (window_kind = 'day' AND window_start = :day))
      """)
  void reconcile(
      String provider,
      String model,
      String pool,
      long minute,
      long hour,
      long day,
      long tokenDelta,
      long promptTokens,
      long completionTokens);

  /** Takes one request and its estimate back out of the windows a reservation counted in. */
  @Query(
      """
      UPDATE quota_usage
      SET requests = CASE WHEN requests > 1 THEN requests - 1 ELSE 0 END,
          tokens = CASE WHEN tokens > :tokens THEN tokens - :tokens ELSE 0 END
      WHERE provider = :provider AND (model = :model OR model = :pool)
        AND ((window_kind = 'minute' AND window_start = :minute)
          OR (window_kind = 'hour' AND window_start = :hour)
          OR (window_kind = 'day' AND window_start = :day))
      """)
  void release(
      String provider, String model, String pool, long minute, long hour, long day, long tokens);

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
