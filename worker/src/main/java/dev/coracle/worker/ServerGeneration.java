package dev.coracle.worker;

import dev.coracle.worker.visibility.ArchivedExecutions;
import dev.coracle.worker.visibility.VisibilityWorkflowService;
import io.grpc.BindableService;
import io.grpc.ManagedChannel;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import io.temporal.api.workflowservice.v1.WorkflowServiceGrpc;
import io.temporal.api.workflowservice.v1.WorkflowServiceGrpc.WorkflowServiceImplBase;
import io.temporal.internal.testservice.InProcessGRPCServer;
import io.temporal.internal.testservice.TestServicesStarter;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One of Temporal's Java test servers, run inside coracle, with its in-process channel. It holds
 * every workflow it ran until it is closed; a recycle replaces it with a fresh one.
 *
 * <p>Time skipping stays locked off: a chat must wait for real time, not race ahead of it.
 */
public final class ServerGeneration implements AutoCloseable {
  private final int number;
  private final TestServicesStarter services;
  private final InProcessGRPCServer inProcess;
  private final List<ServerServiceDefinition> definitions;
  private final GenerationLoad load;
  private final AtomicBoolean closed = new AtomicBoolean();

  private ServerGeneration(
      int number,
      TestServicesStarter services,
      InProcessGRPCServer inProcess,
      List<ServerServiceDefinition> definitions,
      GenerationLoad load) {
    this.number = number;
    this.services = services;
    this.inProcess = inProcess;
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
    return new ServerGeneration(
        number, services, new InProcessGRPCServer(bindable), definitions, load);
  }

  /** 1 for the server coracle started with, one more for each recycle. */
  public int number() {
    return number;
  }

  /** The channel coracle's own client and worker use. */
  ManagedChannel channel() {
    return inProcess.getChannel();
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
    inProcess.shutdown();
    inProcess.awaitTermination(2, TimeUnit.SECONDS);
    inProcess.shutdownNow();
    services.close();
  }
}
