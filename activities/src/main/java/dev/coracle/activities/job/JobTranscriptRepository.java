package dev.coracle.activities.job;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.util.List;

/**
 * The {@code job_transcript} and {@code job_step_tools} tables. Their keys are composite, which
 * Micronaut Data does not map without an embedded id, so every method is plain SQL.
 */
@JdbcRepository(dialect = Dialect.ANSI)
interface JobTranscriptRepository extends GenericRepository<JobRow, String> {

  /** Writes a message; writing the same position again replaces it, so a retried write is safe. */
  @Query(
      """
      INSERT INTO job_transcript (job_id, step_idx, seq, message_json, artifact_id)
      VALUES (:jobId, :stepIdx, :seq, :messageJson, :artifactId)
      ON CONFLICT (job_id, step_idx, seq) DO UPDATE SET
        message_json = excluded.message_json, artifact_id = excluded.artifact_id
      """)
  void upsert(String jobId, int stepIdx, int seq, String messageJson, @Nullable String artifactId);

  @Query(
      """
      SELECT * FROM job_transcript
      WHERE job_id = :jobId AND step_idx = :stepIdx AND seq < :size
      ORDER BY seq
      """)
  List<JobTranscriptRow> messages(String jobId, int stepIdx, int size);

  @Query(
      """
      INSERT INTO job_step_tools (job_id, step_idx, tools_json)
      VALUES (:jobId, :stepIdx, :toolsJson)
      ON CONFLICT (job_id, step_idx) DO UPDATE SET tools_json = excluded.tools_json
      """)
  void upsertTools(String jobId, int stepIdx, String toolsJson);

  @Query("SELECT tools_json FROM job_step_tools WHERE job_id = :jobId AND step_idx = :stepIdx")
  List<String> tools(String jobId, int stepIdx);

  @Query("DELETE FROM job_transcript WHERE job_id = :jobId")
  void deleteMessages(String jobId);

  @Query("DELETE FROM job_step_tools WHERE job_id = :jobId")
  void deleteTools(String jobId);
}
