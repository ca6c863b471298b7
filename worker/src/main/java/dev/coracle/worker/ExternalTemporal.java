package dev.coracle.worker;

import com.uber.m3.tally.Scope;
import dev.coracle.activities.config.CoracleConfig.TemporalConfig;
import dev.coracle.activities.config.CoracleConfig.TemporalTls;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContextBuilder;
import io.temporal.api.workflowservice.v1.DescribeNamespaceRequest;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.io.File;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Connects to an external Temporal cluster: plain, TLS, mTLS with certificate files, or Temporal
 * Cloud's API key. Fails with one line ({@link TemporalUnreachableException}) when the cluster does
 * not answer or the namespace does not exist, so a role never starts half connected.
 */
final class ExternalTemporal {
  /**
   * How long a role waits for Temporal to answer at start: long enough for a cluster (or {@code
   * coracle temporal}) that started a moment before on a busy machine.
   */
  static final Duration CONNECT_WAIT = Duration.ofSeconds(20);

  static WorkflowServiceStubs connect(TemporalConfig config, Scope metrics) {
    WorkflowServiceStubsOptions options = options(config, metrics);
    long deadline = System.nanoTime() + CONNECT_WAIT.toNanos();
    WorkflowServiceStubs stubs;
    try {
      stubs = WorkflowServiceStubs.newConnectedServiceStubs(options, CONNECT_WAIT);
    } catch (RuntimeException e) {
      throw new TemporalUnreachableException(
          "cannot reach Temporal at " + config.target() + ": " + reason(e), e);
    }
    DescribeNamespaceRequest namespace =
        DescribeNamespaceRequest.newBuilder().setNamespace(config.namespace()).build();
    while (true) {
      long left = Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
      try {
        stubs
            .blockingStub()
            .withDeadlineAfter(Math.max(left, 5_000), TimeUnit.MILLISECONDS)
            .describeNamespace(namespace);
        return stubs;
      } catch (StatusRuntimeException e) {
        boolean slow = e.getStatus().getCode() == Status.Code.DEADLINE_EXCEEDED;
        if (slow && System.nanoTime() < deadline) {
          continue; // A server that is still warming up answers the next time.
        }
        stubs.shutdownNow();
        throw refusal(config, e);
      }
    }
  }

  private static TemporalUnreachableException refusal(
      TemporalConfig config, StatusRuntimeException e) {
    if (e.getStatus().getCode() == Status.Code.NOT_FOUND) {
      return new TemporalUnreachableException(
          "Temporal namespace '"
              + config.namespace()
              + "' does not exist at "
              + config.target()
              + " (create it: temporal operator namespace create "
              + config.namespace()
              + ")",
          e);
    }
    return new TemporalUnreachableException(
        "Temporal at " + config.target() + " refused: " + reason(e), e);
  }

  static WorkflowServiceStubsOptions options(TemporalConfig config, Scope metrics) {
    WorkflowServiceStubsOptions.Builder builder =
        WorkflowServiceStubsOptions.newBuilder()
            .setTarget(config.target())
            .setMetricsScope(metrics);
    TemporalTls tls = config.tls();
    if (tls.on() || config.hasApiKey()) {
      builder.setSslContext(sslContext(tls));
      if (tls.serverName() != null && !tls.serverName().isBlank()) {
        builder.setChannelInitializer(channel -> channel.overrideAuthority(tls.serverName()));
      }
    }
    if (config.hasApiKey()) {
      String key = config.apiKey().strip();
      builder.addApiKey(() -> key);
    }
    return builder.build();
  }

  private static io.grpc.netty.shaded.io.netty.handler.ssl.SslContext sslContext(TemporalTls tls) {
    try {
      SslContextBuilder ssl = GrpcSslContexts.forClient();
      if (tls.mutual()) {
        ssl.keyManager(readable(tls.certFile()), readable(tls.keyFile()));
      }
      if (tls.caFile() != null && !tls.caFile().isBlank()) {
        ssl.trustManager(readable(tls.caFile()));
      }
      return ssl.build();
    } catch (IOException | IllegalArgumentException e) {
      throw new TemporalUnreachableException("Temporal TLS set-up failed: " + reason(e), e);
    }
  }

  private static File readable(String path) {
    File file = new File(path);
    if (!file.canRead()) {
      throw new TemporalUnreachableException("cannot read Temporal TLS file " + path, null);
    }
    return file;
  }

  private static String reason(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = root.getMessage();
    if (e instanceof StatusRuntimeException status) {
      message = status.getStatus().getCode() + " " + status.getStatus().getDescription();
    }
    return message == null
        ? root.getClass().getSimpleName()
        : message.lines().findFirst().orElse("");
  }
}
