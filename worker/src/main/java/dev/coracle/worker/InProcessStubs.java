package dev.coracle.worker;

import com.uber.m3.tally.Scope;
import io.grpc.ManagedChannel;
import io.temporal.serviceclient.GrpcCompression;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.util.List;

/**
 * The service stubs of coracle's own client and worker on an embedded server's in-process channel,
 * built in one place so that the floor benchmark measures what a chat runs on.
 *
 * <p>Compression is off: the in-process channel hands the message objects over as they are and
 * never serializes them, so the SDK's default (gzip) compressed nothing and only cost a wrapper per
 * call that keeps a copy of each request in case the server refuses gzip, plus the encoding headers
 * written and read on every call. The TCP port is not affected: outside tools bring their own.
 */
final class InProcessStubs {
  private InProcessStubs() {}

  /**
   * @param channel an embedded server's in-process channel
   * @param metrics the scope the SDK reports its calls to
   */
  static WorkflowServiceStubs on(ManagedChannel channel, Scope metrics) {
    return WorkflowServiceStubs.newServiceStubs(
        WorkflowServiceStubsOptions.newBuilder()
            .setChannel(channel)
            .setMetricsScope(metrics)
            .setGrpcCompression(GrpcCompression.NONE)
            .setGrpcClientInterceptors(List.of(new AnsweredInline()))
            .build());
  }
}
