package dev.coracle.worker;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.MethodDescriptor;
import io.temporal.api.workflowservice.v1.WorkflowServiceGrpc;
import java.util.Set;

/**
 * Takes the SDK's per-call deadline off the calls the embedded server answers on the caller's
 * thread without waiting for anything: a workflow's start, a completed or failed workflow task, an
 * activity's result and heartbeat. The SDK gives every call a deadline (ten seconds for these),
 * which costs a timer scheduled and cancelled on the client's side and again on the server's, on
 * two of a chat's three calls (its start and its completed workflow task; the third is the result's
 * long poll). On the in-process channel such a deadline could never fire in time to matter: the
 * server runs the call inside the caller's own send (a direct executor), so by the time the call
 * could be cancelled its answer is already there, and a call stuck inside the server would stay
 * stuck, cancelled or not.
 *
 * <p>Every other call keeps its deadline, in particular the long polls (a worker's poll, a
 * workflow's result, an update, a query): the test server reads their deadline to know when to
 * answer empty. Calls over the TCP port are not affected.
 */
final class AnsweredInline implements ClientInterceptor {
  private static final Set<String> METHODS =
      Set.of(
          WorkflowServiceGrpc.getStartWorkflowExecutionMethod().getFullMethodName(),
          WorkflowServiceGrpc.getRespondWorkflowTaskCompletedMethod().getFullMethodName(),
          WorkflowServiceGrpc.getRespondWorkflowTaskFailedMethod().getFullMethodName(),
          WorkflowServiceGrpc.getRespondActivityTaskCompletedMethod().getFullMethodName(),
          WorkflowServiceGrpc.getRespondActivityTaskFailedMethod().getFullMethodName(),
          WorkflowServiceGrpc.getRespondActivityTaskCanceledMethod().getFullMethodName(),
          WorkflowServiceGrpc.getRecordActivityTaskHeartbeatMethod().getFullMethodName());

  /** True when calls of this method run without a deadline on the in-process channel. */
  static boolean answeredInline(MethodDescriptor<?, ?> method) {
    return METHODS.contains(method.getFullMethodName());
  }

  @Override
  public <Q, R> ClientCall<Q, R> interceptCall(
      MethodDescriptor<Q, R> method, CallOptions options, Channel next) {
    return next.newCall(
        method,
        options.getDeadline() != null && answeredInline(method)
            ? options.withDeadline(null)
            : options);
  }
}
