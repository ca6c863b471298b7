package dev.coracle.worker.visibility;

import io.temporal.api.workflow.v1.WorkflowExecutionInfo;
import java.time.Instant;
import java.util.Comparator;

/** Where an execution sits in list order: its start time, then its run id to break ties. */
record ExecutionKey(Instant startTime, String runId) {
  static final Comparator<ExecutionKey> ORDER =
      Comparator.comparing(ExecutionKey::startTime).thenComparing(ExecutionKey::runId);

  static ExecutionKey of(WorkflowExecutionInfo info) {
    return new ExecutionKey(
        ProtoTime.toInstant(info.getStartTime()), info.getExecution().getRunId());
  }
}
