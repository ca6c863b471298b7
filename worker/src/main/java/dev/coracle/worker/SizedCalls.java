package dev.coracle.worker;

import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.temporal.api.workflowservice.v1.WorkflowServiceGrpc;
import io.temporal.internal.testservice.InProcessGRPCServer;
import java.util.Set;

/**
 * The 4 MB message limit of a real Temporal server, on the in-process channel, for every call but
 * the worker's own hot ones. The in-process channel never serializes a message, so the test
 * server's size check computes each request's serialized size just to compare it: about 5 % of the
 * floor's CPU, most of it for the completed workflow task that every chat sends.
 *
 * <p>Not sized: the polls and history reads (fixed-shape requests that carry no payload), and a
 * completed workflow task, whose payloads (a workflow's result, its local activities' results, the
 * inputs of the activities it schedules) are made by coracle's own worker from what it already
 * holds. A completion over 4 MB is therefore accepted by the embedded server where a Temporal
 * cluster terminates the workflow (GrpcMessageTooLarge); the history keeps it in memory until the
 * next recycle. Still sized: everything through which new input comes in, such as a workflow's
 * start (a chat's request), signals, updates, queries and an activity's result. Workers in other
 * processes reach the server through the TCP port, where gRPC itself refuses any message over 4 MB.
 */
final class SizedCalls implements ServerInterceptor {
  private static final Set<String> UNSIZED =
      Set.of(
          WorkflowServiceGrpc.getRespondWorkflowTaskCompletedMethod().getFullMethodName(),
          WorkflowServiceGrpc.getPollWorkflowTaskQueueMethod().getFullMethodName(),
          WorkflowServiceGrpc.getPollActivityTaskQueueMethod().getFullMethodName(),
          WorkflowServiceGrpc.getGetWorkflowExecutionHistoryMethod().getFullMethodName());

  private final ServerInterceptor limit = new InProcessGRPCServer.MessageSizeChecker();

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(
      ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
    if (UNSIZED.contains(call.getMethodDescriptor().getFullMethodName())) {
      return next.startCall(call, headers);
    }
    return limit.interceptCall(call, headers, next);
  }
}
