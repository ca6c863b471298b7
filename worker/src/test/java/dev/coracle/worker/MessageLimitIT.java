package dev.coracle.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.google.protobuf.ByteString;
import com.uber.m3.tally.NoopScope;
import dev.coracle.worker.floor.FloorActivitiesImpl;
import dev.coracle.worker.floor.FloorWorkflowImpl;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.common.v1.Payload;
import io.temporal.api.common.v1.Payloads;
import io.temporal.api.common.v1.WorkflowType;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.taskqueue.v1.TaskQueue;
import io.temporal.api.workflowservice.v1.StartWorkflowExecutionRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.serviceclient.GrpcCompression;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.worker.WorkerFactory;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The embedded server refuses a message over 4 MB as a Temporal cluster does, on the in-process
 * channel (with the stubs coracle's own client and worker use) and on the TCP port.
 */
class MessageLimitIT {
  private static final String QUEUE = "message-limit";
  private static final int MB = 1024 * 1024;

  @Test
  void a_start_over_4_mb_is_refused_on_the_in_process_channel_and_on_the_tcp_port() {
    try (EmbeddedTemporal embedded = EmbeddedTemporal.start("127.0.0.1", 0)) {
      WorkflowServiceStubs inProcess = InProcessStubs.on(embedded.channel(), new NoopScope());
      WorkflowServiceStubs tcp =
          WorkflowServiceStubs.newServiceStubs(
              WorkflowServiceStubsOptions.newBuilder()
                  .setTarget("127.0.0.1:" + embedded.port())
                  // As the temporal CLI sends: uncompressed. (A gzipped message over the limit is
                  // refused too, but while it is decompressed, with status UNKNOWN.)
                  .setGrpcCompression(GrpcCompression.NONE)
                  .build());
      try {
        for (WorkflowServiceStubs stubs : new WorkflowServiceStubs[] {inProcess, tcp}) {
          Throwable refused = catchThrowable(() -> startRaw(stubs, "x".repeat(5 * MB)));

          assertThat(refused).isInstanceOf(StatusRuntimeException.class);
          assertThat(Status.fromThrowable(refused).getCode())
              .as("%s: %s", stubs == inProcess ? "in-process" : "tcp", refused)
              .isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
        }
        // Under the limit, the same start goes through on both.
        startRaw(inProcess, "x".repeat(MB));
        startRaw(tcp, "x".repeat(MB));
      } finally {
        inProcess.shutdownNow();
        tcp.shutdownNow();
      }
    }
  }

  @Test
  void a_workflow_task_completion_over_4_mb_terminates_the_workflow_as_on_a_cluster() {
    try (EmbeddedTemporal embedded = EmbeddedTemporal.start("127.0.0.1", 0)) {
      WorkflowServiceStubs stubs = InProcessStubs.on(embedded.channel(), new NoopScope());
      WorkerFactory workers = WorkerFactory.newInstance(client(stubs));
      try {
        var worker = workers.newWorker(QUEUE, WorkerTuning.main());
        worker.registerWorkflowImplementationTypes(FloorWorkflowImpl.class);
        worker.registerActivitiesImplementations(new FloorActivitiesImpl());
        workers.start();
        // 3 MB in: the completion holds it twice (the local activity's result and the workflow's).
        WorkflowStub workflow = start(stubs, "echo", "y".repeat(3 * MB));

        Throwable failed = catchThrowable(() -> workflow.getResult(String.class));

        assertThat(failed).isInstanceOf(WorkflowFailedException.class);
        assertThat(workflow.describe().getStatus())
            .isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_TERMINATED);
      } finally {
        workers.shutdownNow();
        workers.awaitTermination(2, TimeUnit.SECONDS);
        stubs.shutdownNow();
      }
    }
  }

  private static WorkflowStub start(WorkflowServiceStubs stubs, String id, String input) {
    WorkflowStub workflow =
        client(stubs)
            .newUntypedWorkflowStub(
                "FloorWorkflow",
                WorkflowOptions.newBuilder().setWorkflowId(id).setTaskQueue(QUEUE).build());
    workflow.start(input);
    return workflow;
  }

  /** A start as one gRPC call, without the SDK's retries, so its status is the server's own. */
  private static void startRaw(WorkflowServiceStubs stubs, String input) {
    stubs
        .blockingStub()
        .startWorkflowExecution(
            StartWorkflowExecutionRequest.newBuilder()
                .setNamespace("default")
                .setWorkflowId(UUID.randomUUID().toString())
                .setRequestId(UUID.randomUUID().toString())
                .setWorkflowType(WorkflowType.newBuilder().setName("FloorWorkflow"))
                .setTaskQueue(TaskQueue.newBuilder().setName(QUEUE))
                .setInput(
                    Payloads.newBuilder()
                        .addPayloads(Payload.newBuilder().setData(ByteString.copyFromUtf8(input))))
                .build());
  }

  private static WorkflowClient client(WorkflowServiceStubs stubs) {
    return WorkflowClient.newInstance(
        stubs, WorkflowClientOptions.newBuilder().setNamespace("default").build());
  }
}
