package dev.coracle.activities.temporal;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.ReadOnly;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;

/**
 * The bounded list of workflows from embedded servers coracle has closed. Written once per recycle,
 * read when the {@code temporal} CLI lists workflows; never on a chat's path.
 */
@Singleton
public class WorkflowIndexStore {
  /** Adds a run, or updates what can change of a run recorded before (by an earlier stop). */
  private static final String PUT =
      """
      INSERT INTO workflow_index
          (workflow_id, run_id, workflow_type, task_queue, status, start_time, close_time,
           history_length, generation)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT (workflow_id, run_id) DO UPDATE
      SET status = excluded.status,
          close_time = excluded.close_time,
          history_length = excluded.history_length,
          generation = excluded.generation
      """;

  private final WorkflowIndexRepository rows;
  private final JdbcOperations jdbc;

  public WorkflowIndexStore(WorkflowIndexRepository rows, JdbcOperations jdbc) {
    this.rows = rows;
    this.jdbc = jdbc;
  }

  /**
   * Adds (or updates) these runs, then keeps only the newest {@code keep} rows.
   *
   * <p>A recycle writes a whole server's runs (thousands) at once, so they go as one batch of one
   * prepared statement on the transaction's connection: through the repository each row built and
   * bound its query and passed its interceptors, a quarter of a recycle's CPU.
   */
  @Transactional
  public void record(List<IndexedWorkflow> runs, int keep) {
    if (!runs.isEmpty()) {
      jdbc.prepareStatement(
          PUT,
          statement -> {
            for (IndexedWorkflow run : runs) {
              statement.setString(1, run.workflowId());
              statement.setString(2, run.runId());
              statement.setString(3, run.workflowType());
              statement.setString(4, run.taskQueue());
              statement.setInt(5, run.status());
              statement.setLong(6, run.startTime());
              statement.setLong(7, run.closeTime());
              statement.setLong(8, run.historyLength());
              statement.setInt(9, run.generation());
              statement.addBatch();
            }
            return statement.executeBatch();
          });
    }
    rows.keepNewest(Math.max(0, keep));
  }

  /** The newest rows, newest first. */
  @ReadOnly
  public List<IndexedWorkflow> newest(int limit) {
    return rows.newest(Math.max(0, limit));
  }

  /** The newest kept run of a workflow, or that exact run when {@code runId} is not empty. */
  @ReadOnly
  public Optional<IndexedWorkflow> run(String workflowId, String runId) {
    return rows.run(workflowId, runId == null ? "" : runId).stream().findFirst();
  }
}
