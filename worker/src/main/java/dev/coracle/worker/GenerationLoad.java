package dev.coracle.worker;

import com.google.protobuf.MessageLite;
import io.grpc.ForwardingServerCallListener.SimpleForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.temporal.api.workflowservice.v1.WorkflowServiceGrpc;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;

/**
 * What one embedded server holds, estimated as the calls go in: the workflows started on it and the
 * bytes of every request that adds to a history. The test server keeps both until it is closed, so
 * these only grow; counting on the way in costs a set lookup per call and never lists the server.
 */
final class GenerationLoad implements ServerInterceptor {
  /**
   * What a finished workflow costs the test server beyond its request bytes: its mutable state,
   * state-machine transitions, event objects and indexes. Measured in a heap histogram of a soak
   * run (status chats, cache hits and model calls, Temporal 1.38): about 25 KB of live heap per
   * workflow in all, of which a few KB are the requests themselves.
   */
  static final long BYTES_PER_WORKFLOW = 20 * 1024;

  private static final Set<String> STARTS =
      Set.of(
          WorkflowServiceGrpc.getStartWorkflowExecutionMethod().getFullMethodName(),
          WorkflowServiceGrpc.getSignalWithStartWorkflowExecutionMethod().getFullMethodName());

  private static final Set<String> HISTORY_WRITES =
      Set.of(
          WorkflowServiceGrpc.getStartWorkflowExecutionMethod().getFullMethodName(),
          WorkflowServiceGrpc.getSignalWithStartWorkflowExecutionMethod().getFullMethodName(),
          WorkflowServiceGrpc.getSignalWorkflowExecutionMethod().getFullMethodName(),
          WorkflowServiceGrpc.getRespondWorkflowTaskCompletedMethod().getFullMethodName(),
          WorkflowServiceGrpc.getRespondWorkflowTaskFailedMethod().getFullMethodName(),
          WorkflowServiceGrpc.getRespondActivityTaskCompletedMethod().getFullMethodName(),
          WorkflowServiceGrpc.getRespondActivityTaskFailedMethod().getFullMethodName(),
          WorkflowServiceGrpc.getRecordActivityTaskHeartbeatMethod().getFullMethodName());

  private final LongAdder workflows = new LongAdder();
  private final LongAdder requestBytes = new LongAdder();

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(
      ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
    ServerCall.Listener<Q> listener = next.startCall(call, headers);
    String method = call.getMethodDescriptor().getFullMethodName();
    if (!HISTORY_WRITES.contains(method)) {
      return listener;
    }
    boolean start = STARTS.contains(method);
    return new SimpleForwardingServerCallListener<>(listener) {
      @Override
      public void onMessage(Q message) {
        if (start) {
          workflows.increment();
        }
        if (message instanceof MessageLite proto) {
          requestBytes.add(proto.getSerializedSize());
        }
        super.onMessage(message);
      }
    };
  }

  /** Workflows started on this server, finished or not. */
  long workflows() {
    return workflows.sum();
  }

  /** The estimated heap this server holds for its workflows, in bytes. */
  long estimatedBytes() {
    return workflows.sum() * BYTES_PER_WORKFLOW + requestBytes.sum();
  }
}
