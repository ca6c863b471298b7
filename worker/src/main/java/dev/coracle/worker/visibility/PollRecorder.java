package dev.coracle.worker.visibility;

import io.grpc.ForwardingServerCallListener.SimpleForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.temporal.api.enums.v1.TaskQueueType;
import io.temporal.api.workflowservice.v1.PollActivityTaskQueueRequest;
import io.temporal.api.workflowservice.v1.PollWorkflowTaskQueueRequest;
import io.temporal.api.workflowservice.v1.WorkflowServiceGrpc;
import java.util.Set;

/** Notes each workflow and activity task poll in the {@link PollerRegistry}, then lets it pass. */
final class PollRecorder implements ServerInterceptor {
  private static final Set<String> POLLS =
      Set.of(
          WorkflowServiceGrpc.getPollWorkflowTaskQueueMethod().getFullMethodName(),
          WorkflowServiceGrpc.getPollActivityTaskQueueMethod().getFullMethodName());

  private final PollerRegistry registry;

  PollRecorder(PollerRegistry registry) {
    this.registry = registry;
  }

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(
      ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
    ServerCall.Listener<Q> listener = next.startCall(call, headers);
    // Every chat's calls pass here too; only polls pay for the extra listener.
    if (!POLLS.contains(call.getMethodDescriptor().getFullMethodName())) {
      return listener;
    }
    return new SimpleForwardingServerCallListener<>(listener) {
      @Override
      public void onMessage(Q message) {
        record(message);
        super.onMessage(message);
      }
    };
  }

  private void record(Object message) {
    if (message instanceof PollWorkflowTaskQueueRequest poll) {
      registry.polled(
          poll.getNamespace(),
          poll.getTaskQueue().getName(),
          TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW,
          poll.getIdentity());
    } else if (message instanceof PollActivityTaskQueueRequest poll) {
      registry.polled(
          poll.getNamespace(),
          poll.getTaskQueue().getName(),
          TaskQueueType.TASK_QUEUE_TYPE_ACTIVITY,
          poll.getIdentity());
    }
  }
}
