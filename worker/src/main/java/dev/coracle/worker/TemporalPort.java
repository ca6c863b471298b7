package dev.coracle.worker;

import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.services.HealthStatusManager;
import io.temporal.api.workflowservice.v1.WorkflowServiceGrpc;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The TCP port outside tools such as the {@code temporal} CLI connect to. It stays bound while the
 * embedded server behind it is replaced: the services are looked up in a registry that a recycle
 * points at the new server, so a connected CLI keeps its connection and its next call reaches the
 * new server.
 */
final class TemporalPort implements AutoCloseable {
  private final Server server;
  private final SwappableServices registry;
  private final HealthStatusManager health;

  private TemporalPort(Server server, SwappableServices registry, HealthStatusManager health) {
    this.server = server;
    this.registry = registry;
    this.health = health;
  }

  /**
   * Binds {@code host:port} (port 0 picks a free one) with no services yet.
   *
   * @throws PortInUseException when the port is taken
   */
  static TemporalPort open(String host, int port) {
    SwappableServices registry = new SwappableServices();
    HealthStatusManager health = new HealthStatusManager();
    try {
      Server server =
          NettyServerBuilder.forAddress(new InetSocketAddress(host, port))
              .addService(health.getHealthService())
              .fallbackHandlerRegistry(registry)
              .build()
              .start();
      return new TemporalPort(server, registry, health);
    } catch (IOException e) {
      if (PortInUseException.isBindFailure(e)) {
        throw new PortInUseException(host, port, e);
      }
      throw new UncheckedIOException(
          "embedded Temporal could not listen on " + host + ":" + port, e);
    }
  }

  /** Serves these services from now on, in place of the ones served so far. */
  void serve(List<ServerServiceDefinition> services) {
    // Workers in other processes (coracle temporal) must not rely on sticky queues here.
    registry.replaceWith(
        services.stream()
            .map(
                service ->
                    WorkflowServiceGrpc.SERVICE_NAME.equals(
                            service.getServiceDescriptor().getName())
                        ? ServerInterceptors.intercept(service, new StickyTasksOff())
                        : service)
            .toList());
    for (ServerServiceDefinition service : services) {
      health.setStatus(
          service.getServiceDescriptor().getName(), HealthCheckResponse.ServingStatus.SERVING);
    }
  }

  int port() {
    return server.getPort();
  }

  @Override
  public void close() {
    server.shutdown();
    try {
      server.awaitTermination(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    server.shutdownNow();
  }
}
