package dev.coracle.worker.visibility;

import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.common.v1.WorkflowType;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.workflow.v1.WorkflowExecutionInfo;
import java.time.Instant;

/** Hand-made executions for filter tests. */
final class Executions {
  private Executions() {}

  static WorkflowExecutionInfo running(String workflowId, String type, String startTime) {
    return info(
            workflowId, type, WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING, startTime)
        .build();
  }

  static WorkflowExecutionInfo closed(
      String workflowId,
      String type,
      WorkflowExecutionStatus status,
      String startTime,
      String closeTime) {
    return info(workflowId, type, status, startTime)
        .setCloseTime(ProtoTime.of(Instant.parse(closeTime)))
        .build();
  }

  private static WorkflowExecutionInfo.Builder info(
      String workflowId, String type, WorkflowExecutionStatus status, String startTime) {
    return WorkflowExecutionInfo.newBuilder()
        .setExecution(
            WorkflowExecution.newBuilder().setWorkflowId(workflowId).setRunId("run-" + workflowId))
        .setType(WorkflowType.newBuilder().setName(type))
        .setStatus(status)
        .setTaskQueue("coracle")
        .setStartTime(ProtoTime.of(Instant.parse(startTime)));
  }
}
