package dev.coracle.worker.visibility;

import io.grpc.ForwardingServerCall.SimpleForwardingServerCall;
import io.grpc.ForwardingServerCallListener.SimpleForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.api.workflowservice.v1.GetWorkflowExecutionHistoryRequest;
import io.temporal.api.workflowservice.v1.WorkflowServiceGrpc;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Says why a describe or a history of a listed workflow is NOT_FOUND: it ran on an embedded server
 * coracle has since closed, and only its list entry was kept. The status stays NOT_FOUND; only the
 * message changes, so the {@code temporal} CLI prints something a user can act on.
 */
final class ClosedGenerationNotice implements ServerInterceptor {
  private static final Set<String> LOOKUPS =
      Set.of(
          WorkflowServiceGrpc.getDescribeWorkflowExecutionMethod().getFullMethodName(),
          WorkflowServiceGrpc.getGetWorkflowExecutionHistoryMethod().getFullMethodName());

  private final ArchivedExecutions archive;

  ClosedGenerationNotice(ArchivedExecutions archive) {
    this.archive = archive;
  }

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(
      ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
    if (!LOOKUPS.contains(call.getMethodDescriptor().getFullMethodName())) {
      return next.startCall(call, headers);
    }
    Asked<Q, R> asked = new Asked<>(call);
    return new SimpleForwardingServerCallListener<>(next.startCall(asked, headers)) {
      @Override
      public void onMessage(Q message) {
        if (message instanceof DescribeWorkflowExecutionRequest describe) {
          asked.execution = describe.getExecution();
        } else if (message instanceof GetWorkflowExecutionHistoryRequest history) {
          asked.execution = history.getExecution();
        }
        super.onMessage(message);
      }
    };
  }

  /** The call with the execution it asked for, so its NOT_FOUND can be explained. */
  private final class Asked<Q, R> extends SimpleForwardingServerCall<Q, R> {
    private volatile WorkflowExecution execution;

    Asked(ServerCall<Q, R> call) {
      super(call);
    }

    @Override
    public void close(Status status, Metadata trailers) {
      super.close(explained(status), trailers);
    }

    private Status explained(Status status) {
      if (status.getCode() != Status.Code.NOT_FOUND || execution == null) {
        return status;
      }
      OptionalInt generation =
          archive.generationOf(execution.getWorkflowId(), execution.getRunId());
      if (generation.isEmpty()) {
        return status;
      }
      String id = execution.getWorkflowId();
      String job =
          id.startsWith("job-")
              ? " The job's steps and events are in coracle's store: GET /api/jobs/" + id + "."
              : "";
      return Status.NOT_FOUND.withDescription(
          "workflow "
              + id
              + " ran on embedded server generation "
              + generation.getAsInt()
              + ", which coracle has closed to bound its memory; only its list entry is kept."
              + job);
    }
  }
}
