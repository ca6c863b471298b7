package dev.coracle.activities.job;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

/** The {@code job_progress} table: at most one row per job. */
@JdbcRepository(dialect = Dialect.ANSI)
interface JobProgressRepository extends CrudRepository<JobProgressRow, String> {

  @Query(
      """
      INSERT INTO job_progress (job_id, step_idx, progress_json, updated_at)
      VALUES (:jobId, :stepIdx, :progressJson, :updatedAt)
      ON CONFLICT (job_id) DO UPDATE SET
        step_idx = excluded.step_idx, progress_json = excluded.progress_json,
        updated_at = excluded.updated_at
      """)
  void upsert(String jobId, int stepIdx, String progressJson, long updatedAt);
}
