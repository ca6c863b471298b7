package dev.coracle.activities.store;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.util.List;

/** The {@code audit} table. Times are epoch milliseconds, as stored. */
@JdbcRepository(dialect = Dialect.ANSI)
public interface AuditRepository extends CrudRepository<AuditEntry, Long> {

  long countByAtGreaterThanEquals(long since);

  /**
   * Per provider and model, busiest first, for calls in the minutes from the one that holds {@code
   * since} (epoch milliseconds) on; not routing decisions. Read from the per-minute totals a
   * trigger keeps (migration V14), so the cost does not grow with the day's calls.
   */
  @Query(
      """
      SELECT provider, model,
             SUM(calls) AS calls,
             SUM(failures) AS failures,
             SUM(prompt_tokens) AS prompt_tokens,
             SUM(completion_tokens) AS completion_tokens
      FROM audit_minute
      WHERE minute >= :since / 60000
      GROUP BY provider, model
      ORDER BY calls DESC, provider, model
      """)
  List<ModelTotals> totalsSince(long since);

  /**
   * The newest calls first; ties on time go to the later insert. Routing decisions that made no
   * call (a provider skipped, a quota refusal) are audited too, but are not calls.
   */
  @Query(
      "SELECT * FROM audit WHERE outcome NOT IN ('SKIPPED', 'QUOTA_EXHAUSTED')"
          + " ORDER BY at DESC, id DESC LIMIT :limit")
  List<AuditEntry> latest(int limit);

  /** The newest calls with the given outcome first. */
  @Query("SELECT * FROM audit WHERE outcome = :outcome ORDER BY at DESC, id DESC LIMIT :limit")
  List<AuditEntry> latestWithOutcome(String outcome, int limit);
}
