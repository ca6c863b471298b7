package dev.coracle.workflows.job;

import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInfo;

/**
 * How a job keeps its history short: which version of the history layout a run uses, and when a run
 * hands over to a fresh one.
 */
final class JobHistory {

  /**
   * Since this change, coder transcripts and long tool outputs live in the store and the history
   * carries their ids, and a run continues as new on its history's size too, also between coder
   * turns. Runs recorded before it keep the old layout.
   */
  static final String BY_REFERENCE = "history-transcripts-by-reference";

  /**
   * Bytes of history past which a run continues as new. Well under Temporal's limits (a warning at
   * 10 MB, a hard stop at 50 MB) and under the 2 MB a run is meant to stay within, with room for
   * the turn in progress.
   */
  static final long BYTES_BEFORE_CONTINUE = 1024 * 1024;

  /** The most of a tool's output a run's history holds; the rest is read from the store. */
  static final int TOOL_PREVIEW_BYTES = 2048;

  private JobHistory() {}

  /** True when this run keeps transcripts in the store (every run started since the change). */
  static boolean byReference() {
    return Workflow.getVersion(BY_REFERENCE, Workflow.DEFAULT_VERSION, 1) == 1;
  }

  /** True when the run's history is long enough, by events or by bytes, to continue as new. */
  static boolean isLong(JobLimits limits) {
    WorkflowInfo info = Workflow.getInfo();
    return info.getHistoryLength() > limits.historyEventsBeforeContinue()
        || info.getHistorySize() > BYTES_BEFORE_CONTINUE
        || info.isContinueAsNewSuggested();
  }
}
