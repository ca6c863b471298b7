package dev.coracle.activities.job;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.util.List;

/** The {@code job_events} table, numbered per job by the workflow. */
@JdbcRepository(dialect = Dialect.ANSI)
interface JobEventRepository extends GenericRepository<JobRow, String> {

  /** Stores an event unless one with its number is there: a retried write adds nothing. */
  @Query(
      """
      INSERT INTO job_events (job_id, seq, at, type, stage, step, message)
      VALUES (:jobId, :seq, :at, :type, :stage, :step, :message)
      ON CONFLICT (job_id, seq) DO NOTHING
      """)
  void insertIfAbsent(
      String jobId,
      long seq,
      long at,
      String type,
      @Nullable String stage,
      int step,
      String message);

  @Query(
      """
      SELECT * FROM job_events
      WHERE job_id = :jobId AND seq > :afterSeq
      ORDER BY seq
      LIMIT :limit
      """)
  List<JobEventRow> after(String jobId, long afterSeq, int limit);

  /** The job's latest event of {@code type}, if it has one. */
  @Query(
      """
      SELECT * FROM job_events
      WHERE job_id = :jobId AND type = :type
      ORDER BY seq DESC
      LIMIT 1
      """)
  List<JobEventRow> latestOfType(String jobId, String type);
}
