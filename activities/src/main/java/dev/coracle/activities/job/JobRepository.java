package dev.coracle.activities.job;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.util.Collection;
import java.util.List;

/** The {@code jobs} table. Times are epoch milliseconds, as stored. */
@JdbcRepository(dialect = Dialect.ANSI)
interface JobRepository extends CrudRepository<JobRow, String> {

  /**
   * One page of jobs with one of {@code statuses}, newest first, strictly after the position {@code
   * (beforeAt, beforeId)} of the previous page's last job.
   */
  @Query(
      """
      SELECT * FROM jobs
      WHERE status IN (:statuses)
        AND (created_at < :beforeAt OR (created_at = :beforeAt AND id < :beforeId))
      ORDER BY created_at DESC, id DESC
      LIMIT :limit
      """)
  List<JobRow> page(Collection<String> statuses, long beforeAt, String beforeId, int limit);

  /** The jobs with one of {@code statuses}, oldest first: the order they were asked for. */
  @Query("SELECT * FROM jobs WHERE status IN (:statuses) ORDER BY created_at, id")
  List<JobRow> withStatus(Collection<String> statuses);

  /** The jobs that finished most recently, latest first. */
  @Query(
      """
      SELECT * FROM jobs
      WHERE finished_at IS NOT NULL
      ORDER BY finished_at DESC, id DESC
      LIMIT :limit
      """)
  List<JobRow> latestFinished(int limit);

  @Query("SELECT status FROM jobs WHERE id = :id")
  List<String> statusOf(String id);

  /** The unfinished job that holds {@code workspace}, if any (at most one, by a unique index). */
  @Query(
      """
      SELECT * FROM jobs
      WHERE workspace_lock = :workspace
        AND status IN ('queued', 'running', 'paused', 'waiting_approval')
      """)
  List<JobRow> holding(String workspace);
}
