package dev.coracle.worker.visibility;

/**
 * One run as a test server holds it, with what the store's index keeps of it.
 *
 * @param status Temporal's {@code WorkflowExecutionStatus} number; running while the run is open
 * @param startTime epoch milliseconds
 * @param closeTime epoch milliseconds, 0 while the run is open
 */
record HeldRun(
    String workflowId,
    String runId,
    String workflowType,
    String taskQueue,
    int status,
    long startTime,
    long closeTime,
    long historyLength) {

  /** Newest first: by start time, then by run id, the reverse of {@link ExecutionKey#ORDER}. */
  static int newestFirst(HeldRun a, HeldRun b) {
    int byStart = Long.compare(b.startTime, a.startTime);
    return byStart != 0 ? byStart : b.runId.compareTo(a.runId);
  }
}
