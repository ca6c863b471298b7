package dev.coracle.worker;

import com.google.protobuf.MessageLite;
import io.grpc.ForwardingServerCall.SimpleForwardingServerCall;
import io.grpc.ForwardingServerCallListener.SimpleForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.temporal.api.workflowservice.v1.StartWorkflowExecutionResponse;
import io.temporal.api.workflowservice.v1.WorkflowServiceGrpc;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
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
  private final LongAdder eagerStarts = new LongAdder();
  private final AtomicBoolean full = new AtomicBoolean();
  private volatile Limits limits;

  /**
   * The thresholds past which this server should be replaced, and what to call (once) on the start
   * that crosses one. The call must only hand work to another thread: it runs on the start's path.
   */
  record Limits(long workflows, long bytes, Runnable whenFull) {}

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(
      ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
    String method = call.getMethodDescriptor().getFullMethodName();
    if (!HISTORY_WRITES.contains(method)) {
      return next.startCall(call, headers);
    }
    boolean start = STARTS.contains(method);
    ServerCall.Listener<Q> listener =
        next.startCall(start ? countingEagerTasks(call) : call, headers);
    return new SimpleForwardingServerCallListener<>(listener) {
      @Override
      public void onMessage(Q message) {
        if (start) {
          workflows.increment();
        }
        if (message instanceof MessageLite proto) {
          requestBytes.add(proto.getSerializedSize());
        }
        if (start) {
          signalIfFull();
        }
        super.onMessage(message);
      }
    };
  }

  /** Watches for the start that crosses one of {@code limits} (0 turns a limit off). */
  void watch(Limits limits) {
    this.limits = limits;
    signalIfFull();
  }

  /**
   * Tells the watcher on the first start past a limit, so a server is replaced as soon as it is
   * full however fast starts arrive, not a second later with a second's worth of starts on top.
   */
  private void signalIfFull() {
    Limits watched = limits;
    if (watched == null || full.get() || !isPast(watched)) {
      return;
    }
    if (full.compareAndSet(false, true)) {
      watched.whenFull().run();
    }
  }

  boolean isPast(Limits watched) {
    return (watched.workflows() > 0 && workflows() >= watched.workflows())
        || (watched.bytes() > 0 && estimatedBytes() >= watched.bytes());
  }

  /** Counts the starts whose answer carries the workflow's first task (eager start). */
  private <Q, R> ServerCall<Q, R> countingEagerTasks(ServerCall<Q, R> call) {
    return new SimpleForwardingServerCall<>(call) {
      @Override
      public void sendMessage(R message) {
        if (message instanceof StartWorkflowExecutionResponse started
            && started.hasEagerWorkflowTask()) {
          eagerStarts.increment();
        }
        super.sendMessage(message);
      }
    };
  }

  /**
   * Starts answered with the workflow's first task, which the starting process's worker then runs
   * without polling for it.
   */
  long eagerStarts() {
    return eagerStarts.sum();
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
