package dev.coracle.worker.visibility;

import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.workflow.v1.WorkflowExecutionInfo;
import java.util.List;

/**
 * The runs a test server holds, through its own calls: its open and closed lists, then a describe
 * of each for close time and task queue. Works on any test server, at the cost of a describe (a
 * copy of the run's whole history and state) per run.
 */
final class DescribedRuns implements HeldRuns {
  private final ExecutionCatalog catalog;

  DescribedRuns(ExecutionCatalog catalog) {
    this.catalog = catalog;
  }

  @Override
  public List<HeldRun> runs(String namespace) {
    return catalog.summaries(namespace).stream()
        .map(summary -> catalog.complete(namespace, summary))
        .map(DescribedRuns::run)
        .toList();
  }

  private static HeldRun run(WorkflowExecutionInfo info) {
    boolean open = info.getStatus() == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING;
    return new HeldRun(
        info.getExecution().getWorkflowId(),
        info.getExecution().getRunId(),
        info.getType().getName(),
        info.getTaskQueue(),
        info.getStatusValue(),
        ProtoTime.toInstant(info.getStartTime()).toEpochMilli(),
        open || !info.hasCloseTime() ? 0 : ProtoTime.toInstant(info.getCloseTime()).toEpochMilli(),
        info.getHistoryLength());
  }
}
