package dev.coracle.worker;

import dev.coracle.worker.visibility.VisibilityWorkflowService;
import io.grpc.BindableService;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.temporal.internal.testservice.GRPCServerHelper;
import io.temporal.internal.testservice.InProcessGRPCServer;
import io.temporal.internal.testservice.TestServicesStarter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Temporal's Java test server, run inside coracle. One set of services is served twice: over an
 * in-process channel for coracle's own client and worker (the cheap path), and over TCP on loopback
 * for outside tools such as the {@code temporal} CLI.
 *
 * <p>Time skipping stays locked off: a chat must wait for real time, not race ahead of it.
 *
 * <p>Both servers serve the test server's workflow service with the visibility calls added that it
 * lacks ({@link VisibilityWorkflowService}), so {@code temporal workflow list} and {@code count}
 * work against the TCP port.
 */
public final class EmbeddedTemporal implements AutoCloseable {
  private final TestServicesStarter services;
  private final InProcessGRPCServer inProcess;
  private final Server tcp;

  private EmbeddedTemporal(
      TestServicesStarter services, InProcessGRPCServer inProcess, Server tcp) {
    this.services = services;
    this.inProcess = inProcess;
    this.tcp = tcp;
  }

  /**
   * Starts the server and binds {@code host:port} (port 0 picks a free one).
   *
   * @throws PortInUseException when the port is taken
   */
  public static EmbeddedTemporal start(String host, int port) {
    // lockTimeSkipping = true keeps time skipping off.
    TestServicesStarter services = new TestServicesStarter(true, 0);
    List<BindableService> served = VisibilityWorkflowService.servicesOf(services);
    Server tcp;
    try {
      NettyServerBuilder builder = NettyServerBuilder.forAddress(new InetSocketAddress(host, port));
      GRPCServerHelper.registerServicesAndHealthChecks(served, builder);
      tcp = builder.build().start();
    } catch (IOException e) {
      services.close();
      if (PortInUseException.isBindFailure(e)) {
        throw new PortInUseException(host, port, e);
      }
      throw new UncheckedIOException(
          "embedded Temporal could not listen on " + host + ":" + port, e);
    }
    InProcessGRPCServer inProcess = new InProcessGRPCServer(served);
    return new EmbeddedTemporal(services, inProcess, tcp);
  }

  /** The channel coracle's own client and worker use. */
  public ManagedChannel channel() {
    return inProcess.getChannel();
  }

  /** The TCP port outside tools connect to. */
  public int port() {
    return tcp.getPort();
  }

  @Override
  public void close() {
    tcp.shutdown();
    inProcess.shutdown();
    try {
      tcp.awaitTermination(2, TimeUnit.SECONDS);
      inProcess.awaitTermination(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    tcp.shutdownNow();
    inProcess.shutdownNow();
    services.close();
  }
}
