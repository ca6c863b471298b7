package dev.coracle.activities.job;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.util.Collection;
import java.util.List;

/**
 * The {@code job_steps} table. Its key is {@code (job_id, idx)}, which Micronaut Data does not map
 * without an embedded id, so every method is plain SQL.
 */
@JdbcRepository(dialect = Dialect.ANSI)
interface JobStepRepository extends GenericRepository<JobRow, String> {

  @Query(
      """
      INSERT INTO job_steps (job_id, idx, goal, status, step_json, started_at, finished_at)
      VALUES (:jobId, :idx, :goal, :status, :stepJson, :startedAt, :finishedAt)
      ON CONFLICT (job_id, idx) DO UPDATE SET
        goal = excluded.goal, status = excluded.status, step_json = excluded.step_json,
        started_at = excluded.started_at, finished_at = excluded.finished_at
      """)
  void upsert(
      String jobId,
      int idx,
      String goal,
      String status,
      String stepJson,
      long startedAt,
      long finishedAt);

  /** Forgets the steps of a job that are not in {@code keep}: a replan dropped them. */
  @Query("DELETE FROM job_steps WHERE job_id = :jobId AND idx NOT IN (:keep)")
  void deleteOthers(String jobId, Collection<Integer> keep);

  @Query("DELETE FROM job_steps WHERE job_id = :jobId")
  void deleteAll(String jobId);

  @Query("SELECT * FROM job_steps WHERE job_id IN (:jobIds) ORDER BY job_id, idx")
  List<JobStepRow> ofJobs(Collection<String> jobIds);
}
