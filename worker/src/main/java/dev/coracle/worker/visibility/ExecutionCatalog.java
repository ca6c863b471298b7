package dev.coracle.worker.visibility;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.workflow.v1.WorkflowExecutionInfo;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.api.workflowservice.v1.ListClosedWorkflowExecutionsRequest;
import io.temporal.api.workflowservice.v1.ListOpenWorkflowExecutionsRequest;
import io.temporal.api.workflowservice.v1.WorkflowServiceGrpc.WorkflowServiceImplBase;
import java.util.ArrayList;
import java.util.List;

/**
 * The executions the test server holds, read through its own calls. Its open and closed lists are
 * cheap but thin (no close time, no task queue); a describe fills an execution in.
 *
 * <p>The test server's lists do not separate namespaces. coracle uses one, so that is no loss here.
 */
final class ExecutionCatalog {
  private final WorkflowServiceImplBase testService;
  private final ArchivedExecutions archive;

  ExecutionCatalog(WorkflowServiceImplBase testService) {
    this(testService, ArchivedExecutions.NONE);
  }

  ExecutionCatalog(WorkflowServiceImplBase testService, ArchivedExecutions archive) {
    this.testService = testService;
    this.archive = archive;
  }

  /**
   * Every execution, open and closed, as the test server's list calls give it, and those kept from
   * servers closed earlier.
   */
  List<WorkflowExecutionInfo> summaries(String namespace) {
    List<WorkflowExecutionInfo> all =
        new ArrayList<>(
            DirectCall.call(
                    testService::listOpenWorkflowExecutions,
                    ListOpenWorkflowExecutionsRequest.newBuilder().setNamespace(namespace).build())
                .getExecutionsList());
    all.addAll(
        DirectCall.call(
                testService::listClosedWorkflowExecutions,
                ListClosedWorkflowExecutionsRequest.newBuilder().setNamespace(namespace).build())
            .getExecutionsList());
    all.addAll(archive.executions());
    return all;
  }

  /** The execution as a describe gives it, with close time and task queue. */
  WorkflowExecutionInfo complete(String namespace, WorkflowExecutionInfo summary) {
    try {
      return DirectCall.call(
              testService::describeWorkflowExecution,
              DescribeWorkflowExecutionRequest.newBuilder()
                  .setNamespace(namespace)
                  .setExecution(summary.getExecution())
                  .build())
          .getWorkflowExecutionInfo();
    } catch (StatusRuntimeException e) {
      // Listed under another namespace: the summary is all there is to show.
      if (e.getStatus().getCode() == Status.Code.NOT_FOUND) {
        return summary;
      }
      throw e;
    }
  }
}
