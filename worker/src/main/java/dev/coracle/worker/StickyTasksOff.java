package dev.coracle.worker;

import io.grpc.ForwardingServerCallListener.SimpleForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.temporal.api.workflowservice.v1.RespondWorkflowTaskCompletedRequest;
import io.temporal.api.workflowservice.v1.WorkflowServiceGrpc;

/**
 * Keeps workers that reach the embedded server over TCP off sticky task queues. A worker asks
 * Temporal to send a workflow's next task to its own sticky queue; a real cluster gives up on that
 * queue after a few seconds when the worker is gone, but the test server never does, so the
 * workflows of a worker killed under {@code coracle temporal} would wait forever. Without sticky
 * attributes every workflow task goes to the shared queue, where any live worker takes it (and
 * replays the history, which a sticky queue would have saved). coracle's own in-process worker is
 * not affected: it does not come through the TCP port.
 */
final class StickyTasksOff implements ServerInterceptor {
  private static final String COMPLETED =
      WorkflowServiceGrpc.getRespondWorkflowTaskCompletedMethod().getFullMethodName();

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(
      ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
    ServerCall.Listener<Q> listener = next.startCall(call, headers);
    if (!COMPLETED.equals(call.getMethodDescriptor().getFullMethodName())) {
      return listener;
    }
    return new SimpleForwardingServerCallListener<>(listener) {
      @Override
      @SuppressWarnings("unchecked")
      public void onMessage(Q message) {
        if (message instanceof RespondWorkflowTaskCompletedRequest completed
            && completed.hasStickyAttributes()) {
          super.onMessage((Q) completed.toBuilder().clearStickyAttributes().build());
        } else {
          super.onMessage(message);
        }
      }
    };
  }
}
