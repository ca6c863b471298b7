package dev.coracle.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.api.common.v1.WorkflowType;
import io.temporal.api.taskqueue.v1.TaskQueue;
import io.temporal.api.workflowservice.v1.ListWorkflowExecutionsRequest;
import io.temporal.api.workflowservice.v1.StartWorkflowExecutionRequest;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The TCP port outside tools use stays the same across a recycle: a client connected before it
 * keeps its connection, and its next call reaches the fresh server.
 */
class TemporalPortIT {

  @Test
  void a_connected_client_reaches_the_fresh_server_after_a_recycle_on_the_same_port() {
    try (EmbeddedTemporal embedded = EmbeddedTemporal.start("127.0.0.1", 0)) {
      WorkflowServiceStubs cli =
          WorkflowServiceStubs.newServiceStubs(
              WorkflowServiceStubsOptions.newBuilder()
                  .setTarget("127.0.0.1:" + embedded.port())
                  .build());
      try {
        start(cli, "before-recycle");
        assertThat(ids(cli)).containsExactly("before-recycle");
        ServerGeneration first = embedded.current();
        int port = embedded.port();

        ServerGeneration next = embedded.startNext();
        embedded.serve(next);
        start(cli, "after-recycle");

        assertThat(embedded.port()).isEqualTo(port);
        assertThat(next.number()).isEqualTo(2);
        // The fresh server holds only what started on it; the old one still runs until closed.
        assertThat(ids(cli)).containsExactly("after-recycle");
        assertThat(next.load().workflows()).isEqualTo(1);
        assertThat(first.load().workflows()).isEqualTo(1);
        first.close();
        assertThat(ids(cli)).containsExactly("after-recycle");
      } finally {
        cli.shutdownNow();
      }
    }
  }

  private static void start(WorkflowServiceStubs stubs, String id) {
    stubs
        .blockingStub()
        .startWorkflowExecution(
            StartWorkflowExecutionRequest.newBuilder()
                .setNamespace("default")
                .setWorkflowId(id)
                .setRequestId(UUID.randomUUID().toString())
                .setWorkflowType(WorkflowType.newBuilder().setName("Probe"))
                .setTaskQueue(TaskQueue.newBuilder().setName("port-it"))
                .build());
  }

  private static List<String> ids(WorkflowServiceStubs stubs) {
    return stubs
        .blockingStub()
        .listWorkflowExecutions(
            ListWorkflowExecutionsRequest.newBuilder().setNamespace("default").build())
        .getExecutionsList()
        .stream()
        .map(info -> info.getExecution().getWorkflowId())
        .toList();
  }
}
