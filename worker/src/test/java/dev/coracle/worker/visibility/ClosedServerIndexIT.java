package dev.coracle.worker.visibility;

import static io.temporal.api.enums.v1.WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED_VALUE;
import static io.temporal.api.enums.v1.WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_FAILED_VALUE;
import static io.temporal.api.enums.v1.WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING_VALUE;
import static io.temporal.api.enums.v1.WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_TERMINATED_VALUE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.coracle.activities.store.TestStore;
import dev.coracle.activities.temporal.IndexedWorkflow;
import dev.coracle.activities.temporal.WorkflowIndexStore;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.micronaut.context.ApplicationContext;
import io.temporal.api.workflowservice.v1.WorkflowServiceGrpc.WorkflowServiceImplBase;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.internal.testservice.TestServicesStarter;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.worker.WorkerFactory;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a recycle copies of a server about to close: the runs as the store's index keeps them, read
 * from a real test server that ran a finished, a waiting and a failed workflow.
 */
class ClosedServerIndexIT {
  private static final String QUEUE = "index-it";
  private static final String NAMESPACE = "default";

  private static TestServicesStarter services;
  private static Server server;
  private static ManagedChannel channel;
  private static WorkflowServiceStubs stubs;
  private static WorkerFactory workers;

  @TempDir Path dir;

  @BeforeAll
  static void run_one_workflow_of_each_kind() throws InterruptedException {
    services = new TestServicesStarter(true, 0);
    String name = InProcessServerBuilder.generateName();
    InProcessServerBuilder builder = InProcessServerBuilder.forName(name);
    services.getServices().forEach(builder::addService);
    try {
      server = builder.build().start();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    channel = InProcessChannelBuilder.forName(name).build();
    stubs =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder().setChannel(channel).build());
    WorkflowClient client = WorkflowClient.newInstance(stubs);
    workers = WorkerFactory.newInstance(client);
    workers
        .newWorker(QUEUE)
        .registerWorkflowImplementationTypes(
            ProbeWorkflows.FinishingImpl.class,
            ProbeWorkflows.WaitingImpl.class,
            ProbeWorkflows.FailingImpl.class);
    workers.start();

    // Each settled before the next starts, so start times increase in this order.
    client.newWorkflowStub(ProbeWorkflows.Finishing.class, options("finished-1")).run();
    Thread.sleep(20);
    WorkflowClient.start(
        client.newWorkflowStub(ProbeWorkflows.Waiting.class, options("waiting-1"))::run);
    Thread.sleep(20);
    try {
      client.newWorkflowStub(ProbeWorkflows.Failing.class, options("failed-1")).run();
    } catch (WorkflowFailedException expected) {
      // The point of this one.
    }
    Thread.sleep(20);
    client.newWorkflowStub(ProbeWorkflows.Finishing.class, options("finished-2")).run();
  }

  @AfterAll
  static void stop() {
    if (workers != null) {
      workers.shutdownNow();
    }
    if (stubs != null) {
      stubs.shutdownNow();
    }
    if (channel != null) {
      channel.shutdownNow();
    }
    if (server != null) {
      server.shutdownNow();
    }
    if (services != null) {
      services.close();
    }
  }

  @Test
  void the_history_store_read_gives_what_list_and_describe_give() {
    List<HeldRun> scanned = HistoryScan.of(testService()).orElseThrow().runs(NAMESPACE);
    List<HeldRun> described =
        new DescribedRuns(new ExecutionCatalog(testService())).runs(NAMESPACE);

    assertThat(scanned).hasSize(4).containsExactlyInAnyOrderElementsOf(described);
    Map<String, HeldRun> byId = byWorkflowId(scanned);
    HeldRun finished = byId.get("finished-1");
    assertThat(finished.status()).isEqualTo(WORKFLOW_EXECUTION_STATUS_COMPLETED_VALUE);
    assertThat(finished.workflowType()).isEqualTo("ProbeFinishing");
    assertThat(finished.taskQueue()).isEqualTo(QUEUE);
    assertThat(finished.closeTime()).isGreaterThanOrEqualTo(finished.startTime()).isPositive();
    assertThat(byId.get("failed-1").status()).isEqualTo(WORKFLOW_EXECUTION_STATUS_FAILED_VALUE);
    assertThat(byId.get("waiting-1").status()).isEqualTo(WORKFLOW_EXECUTION_STATUS_RUNNING_VALUE);
    assertThat(byId.get("waiting-1").closeTime()).isZero();
  }

  @Test
  void another_namespace_holds_none_of_these_runs() {
    assertThat(HistoryScan.of(testService()).orElseThrow().runs("elsewhere")).isEmpty();
  }

  @Test
  void a_service_that_is_not_the_test_servers_is_read_through_its_calls() {
    assertThat(HistoryScan.of(new WorkflowServiceImplBase() {})).isEmpty();
    assertThat(HeldRuns.of(new WorkflowServiceImplBase() {})).isInstanceOf(DescribedRuns.class);
    assertThat(HeldRuns.of(testService())).isInstanceOf(HistoryScan.class);
  }

  @Test
  void a_closing_server_leaves_its_newest_runs_in_the_store_and_an_open_one_terminated() {
    ApplicationContext store = TestStore.start(dir.resolve("coracle.db"), Clock.systemUTC());
    try {
      WorkflowIndexStore rows = store.getBean(WorkflowIndexStore.class);
      WorkflowIndex index = new WorkflowIndex();
      index.attach(rows, 3);
      Instant closedAt = Instant.parse("2030-01-01T00:00:00Z");

      index.keep(testService(), NAMESPACE, 7, closedAt);

      List<IndexedWorkflow> kept = rows.newest(10);
      assertThat(kept)
          .extracting(IndexedWorkflow::workflowId)
          .containsExactly("finished-2", "failed-1", "waiting-1");
      IndexedWorkflow waiting = kept.get(2);
      assertThat(waiting.status()).isEqualTo(WORKFLOW_EXECUTION_STATUS_TERMINATED_VALUE);
      assertThat(waiting.closeTime()).isEqualTo(closedAt.toEpochMilli());
      assertThat(waiting.taskQueue()).isEqualTo(QUEUE);
      IndexedWorkflow finished = kept.get(0);
      assertThat(finished.status()).isEqualTo(WORKFLOW_EXECUTION_STATUS_COMPLETED_VALUE);
      assertThat(finished.closeTime()).isBetween(finished.startTime(), closedAt.toEpochMilli());
      assertThat(kept).extracting(IndexedWorkflow::generation).containsOnly(7);
      assertThat(index.generationOf("failed-1", "")).hasValue(7);
    } finally {
      store.close();
    }
  }

  private static WorkflowServiceImplBase testService() {
    return services.getWorkflowService();
  }

  private static Map<String, HeldRun> byWorkflowId(List<HeldRun> runs) {
    return runs.stream().collect(Collectors.toMap(HeldRun::workflowId, Function.identity()));
  }

  private static WorkflowOptions options(String id) {
    return WorkflowOptions.newBuilder().setWorkflowId(id).setTaskQueue(QUEUE).build();
  }
}
