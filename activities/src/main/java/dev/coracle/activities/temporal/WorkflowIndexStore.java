package dev.coracle.activities.temporal;

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
  private final WorkflowIndexRepository rows;

  public WorkflowIndexStore(WorkflowIndexRepository rows) {
    this.rows = rows;
  }

  /** Adds (or updates) these runs, then keeps only the newest {@code keep} rows. */
  @Transactional
  public void record(List<IndexedWorkflow> runs, int keep) {
    for (IndexedWorkflow run : runs) {
      rows.put(
          run.workflowId(),
          run.runId(),
          run.workflowType(),
          run.taskQueue(),
          run.status(),
          run.startTime(),
          run.closeTime(),
          run.historyLength(),
          run.generation());
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
