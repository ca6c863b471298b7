package dev.coracle.worker;

import dev.coracle.worker.visibility.ArchivedExecutions;
import dev.coracle.worker.visibility.VisibilityWorkflowService;
import io.grpc.BindableService;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.temporal.api.workflowservice.v1.WorkflowServiceGrpc;
import io.temporal.api.workflowservice.v1.WorkflowServiceGrpc.WorkflowServiceImplBase;
import io.temporal.internal.testservice.GRPCServerHelper;
import io.temporal.internal.testservice.InProcessGRPCServer;
import io.temporal.internal.testservice.TestServicesStarter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One of Temporal's Java test servers, run inside coracle, with its in-process channel. It holds
 * every workflow it ran until it is closed; a recycle replaces it with a fresh one.
 *
 * <p>Time skipping stays locked off: a chat must wait for real time, not race ahead of it.
 *
 * <p>The in-process server runs each call on the caller's thread (a direct executor), as its
 * channel already delivers answers on the server's: a start, a completed workflow task or a poll
 * costs no hand-off to a gRPC executor thread and back. That is safe because every caller of a call
 * that waits inside the server (the worker's pollers) already waits for its answer on its own
 * thread, and the one asynchronous long poll (a workflow's result) is parked by the test server on
 * its own executor, not on the caller's thread. On the floor benchmark this took about a third off
 * the CPU per workflow. The TCP port has its own executor and is not affected.
 */
public final class ServerGeneration implements AutoCloseable {
  private final int number;
  private final TestServicesStarter services;
  private final Server inProcess;
  private final ManagedChannel channel;
  private final List<ServerServiceDefinition> definitions;
  private final GenerationLoad load;
  private final AtomicBoolean closed = new AtomicBoolean();

  private ServerGeneration(
      int number,
      TestServicesStarter services,
      Server inProcess,
      ManagedChannel channel,
      List<ServerServiceDefinition> definitions,
      GenerationLoad load) {
    this.number = number;
    this.services = services;
    this.inProcess = inProcess;
    this.channel = channel;
    this.definitions = definitions;
    this.load = load;
  }

  /**
   * Starts a test server whose workflow service also answers the visibility calls the {@code
   * temporal} CLI needs, listing {@code archive} beside its own workflows.
   */
  static ServerGeneration start(int number, ArchivedExecutions archive) {
    // lockTimeSkipping = true keeps time skipping off.
    TestServicesStarter services = new TestServicesStarter(true, 0);
    TimerLockEvents.searchFromNewest(services);
    GenerationLoad load = new GenerationLoad();
    String workflowService = WorkflowServiceGrpc.SERVICE_NAME;
    List<ServerServiceDefinition> definitions =
        VisibilityWorkflowService.servicesOf(services, archive).stream()
            .map(BindableService::bindService)
            .map(
                d ->
                    workflowService.equals(d.getServiceDescriptor().getName())
                        ? ServerInterceptors.intercept(d, load)
                        : d)
            .toList();
    List<BindableService> bindable =
        definitions.stream().map(d -> (BindableService) () -> d).toList();
    String name = InProcessServerBuilder.generateName();
    InProcessServerBuilder server = InProcessServerBuilder.forName(name).directExecutor();
    // What the test server's own in-process server registers: the services, health checks, and
    // the 4 MB message limit a real server enforces.
    GRPCServerHelper.registerServicesAndHealthChecks(
        bindable, server, List.of(new InProcessGRPCServer.MessageSizeChecker()));
    Server started;
    try {
      started = server.build().start();
    } catch (IOException e) {
      services.close();
      throw new UncheckedIOException("could not start the in-process Temporal server", e);
    }
    ManagedChannel channel = InProcessChannelBuilder.forName(name).directExecutor().build();
    return new ServerGeneration(number, services, started, channel, definitions, load);
  }

  /** 1 for the server coracle started with, one more for each recycle. */
  public int number() {
    return number;
  }

  /** The channel coracle's own client and worker use. */
  ManagedChannel channel() {
    return channel;
  }

  /** The services to serve on the TCP port while this server is the current one. */
  List<ServerServiceDefinition> definitions() {
    return definitions;
  }

  GenerationLoad load() {
    return load;
  }

  /** The test server's own workflow service, for reading what it holds before it closes. */
  WorkflowServiceImplBase testService() {
    return services.getWorkflowService();
  }

  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    channel.shutdown();
    inProcess.shutdown();
    try {
      channel.awaitTermination(2, TimeUnit.SECONDS);
      inProcess.awaitTermination(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    channel.shutdownNow();
    inProcess.shutdownNow();
    services.close();
  }
}
