package dev.coracle.worker.visibility;

import io.temporal.api.workflow.v1.WorkflowExecutionInfo;
import java.util.List;
import java.util.OptionalInt;

/**
 * Workflows of embedded servers coracle has closed, as the {@code temporal} CLI's list shows them
 * beside the live server's own. Only a bounded number of the newest is kept.
 */
public interface ArchivedExecutions {
  /** No closed servers: the list shows only the live server's workflows. */
  ArchivedExecutions NONE =
      new ArchivedExecutions() {
        @Override
        public List<WorkflowExecutionInfo> executions() {
          return List.of();
        }

        @Override
        public OptionalInt generationOf(String workflowId, String runId) {
          return OptionalInt.empty();
        }
      };

  /** The kept executions, complete (close time and task queue filled in). */
  List<WorkflowExecutionInfo> executions();

  /**
   * The server generation a kept run ran on; {@code runId} may be empty for the newest run of the
   * workflow.
   */
  OptionalInt generationOf(String workflowId, String runId);
}
