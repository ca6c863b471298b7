package dev.coracle.api.recycle;

import static dev.coracle.api.HttpCalls.json;
import static dev.coracle.api.HttpCalls.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.coracle.api.CoracleUnderTest;
import dev.coracle.api.HttpCalls;
import dev.coracle.api.JobFixtures;
import dev.coracle.fakes.FakeOllamaServer;
import dev.coracle.fakes.FakeOpenAiServer;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.workflow.v1.WorkflowExecutionInfo;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.api.workflowservice.v1.ListWorkflowExecutionsRequest;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A coracle whose embedded Temporal server is recycled every {@link #RECYCLE_AFTER} workflows, so
 * with a status chat about every 50 ms it is replaced about once a second while a coding job runs.
 * The job moves from server to server through the store, as after a crash, and must come out as if
 * nothing happened. (The start that fills a server recycles it at once, so a threshold of one would
 * replace it at every chat: dozens of servers retiring at a time, more than this test is about.)
 */
class RecycleIT {
  private static final int RECYCLE_AFTER = 15;

  @TempDir static Path home;
  @TempDir static Path workspace;

  static FakeOllamaServer ollama;
  static FakeOpenAiServer cloud;
  static CoracleUnderTest coracle;
  static int temporalPort;

  @BeforeAll
  static void start() throws IOException {
    ollama = new FakeOllamaServer().start();
    cloud = new FakeOpenAiServer().start();
    try (ServerSocket free = new ServerSocket(0)) {
      temporalPort = free.getLocalPort();
    }
    coracle =
        CoracleUnderTest.start(
            home,
            JobFixtures.config(ollama, cloud),
            Map.of(
                "CORACLE_TEMPORAL_EMBEDDED_PORT", Integer.toString(temporalPort),
                "CORACLE_TEMPORAL_RECYCLE_AFTER_WORKFLOWS", Integer.toString(RECYCLE_AFTER),
                "CORACLE_TEMPORAL_RECYCLE_HAND_OVER_SECONDS", "60"));
  }

  @AfterAll
  static void stop() {
    if (coracle != null) {
      coracle.close();
    }
    ollama.close();
    cloud.close();
  }

  @Test
  void a_job_moved_between_servers_finishes_once_with_gapless_events_while_chats_succeed()
      throws Exception {
    // A coder turn takes a while, so hand-overs land before tool calls as well as between turns.
    ollama.setGenerationDelay(Duration.ofMillis(400));
    Files.writeString(workspace.resolve("append.sh"), "echo ran >> once.txt\n");
    List<Integer> chatStatuses = new CopyOnWriteArrayList<>();
    AtomicBoolean chatting = new AtomicBoolean(true);
    Thread chats = new Thread(() -> chatUntilStopped(chatting, chatStatuses), "status-chats");
    chats.start();

    HttpResponse<String> created =
        post(
            coracle.baseUrl() + "/api/jobs",
            JobFixtures.jobBody(
                """
                Follow the script.
                tool-call: run_shell {"command": "sh append.sh"}
                tool-call: run_shell {"command": "sleep 1"}
                tool-call: run_shell {"command": "sleep 1"}
                tool-call: run_shell {"command": "sleep 1"}
                tool-call: write_file {"path": "done.txt", "content": "done\\n"}
                """,
                workspace.toString()));
    assertThat(created.statusCode()).as(created.body()).isEqualTo(202);
    String id = json(created).path("id").asText();

    JsonNode job =
        JobFixtures.awaitJob(
            coracle.baseUrl(), id, Duration.ofSeconds(120), JobFixtures.status("done"));
    chatting.set(false);
    chats.join();

    assertThat(coracle.server().temporal().recycles()).isGreaterThanOrEqualTo(2);
    // The non-idempotent call ran exactly once, and the last call ran too.
    assertThat(Files.readAllLines(workspace.resolve("once.txt"))).containsExactly("ran");
    assertThat(Files.readString(workspace.resolve("done.txt"))).isEqualTo("done\n");
    // One step, done once.
    assertThat(job.path("steps").size()).isEqualTo(1);
    assertThat(job.path("steps").get(0).path("status").asText()).isEqualTo("done");

    List<JsonNode> events = JobFixtures.events(coracle.baseUrl(), id);
    List<Long> seqs = events.stream().map(e -> e.path("seq").asLong()).toList();
    List<Long> expected = new ArrayList<>();
    for (long seq = 1; seq <= seqs.size(); seq++) {
      expected.add(seq);
    }
    assertThat(seqs).as("gapless, no duplicates").isEqualTo(expected);
    List<String> types = events.stream().map(e -> e.path("type").asText()).toList();
    assertThat(types.stream().filter("step-done"::equals).count()).isEqualTo(1);
    assertThat(types.stream().filter("done"::equals).count()).isEqualTo(1);
    assertThat(types.stream().filter("tool"::equals).count())
        .as("each of the five scripted calls ran once")
        .isEqualTo(5);
    assertThat(types).doesNotContain("interrupted");
    assertThat(events.stream().map(e -> e.path("message").asText()))
        .anyMatch(m -> m.contains("moved to a fresh Temporal server"))
        .noneMatch(m -> m.contains("coracle restarted"));

    assertThat(chatStatuses).isNotEmpty().allMatch(status -> status == 200);

    // The CLI's list shows the job's runs on the servers that are gone, next to the live one.
    List<WorkflowExecutionInfo> runs = listed("WorkflowId='" + id + "'");
    assertThat(runs).hasSizeGreaterThanOrEqualTo(2);
    assertThat(runs.get(0).getStatus())
        .isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED);
    WorkflowExecution oldest = runs.get(runs.size() - 1).getExecution();
    assertThat(listed("").size()).isGreaterThan(chatStatuses.size());
    // An old run's server is closed: describing it is a clear NOT_FOUND.
    assertThatThrownBy(() -> describe(oldest))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> {
              assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
              assertThat(e.getStatus().getDescription())
                  .contains("which coracle has closed", "/api/jobs/" + id);
            });
  }

  private static void chatUntilStopped(AtomicBoolean chatting, List<Integer> statuses) {
    String body =
        """
        {"model": "coracle", "messages": [{"role": "user", "content": "what's the status of my jobs?"}]}
        """;
    while (chatting.get()) {
      statuses.add(HttpCalls.post(coracle.baseUrl() + "/v1/chat/completions", body).statusCode());
      JobFixtures.sleep(50);
    }
  }

  private static List<WorkflowExecutionInfo> listed(String query) {
    WorkflowServiceStubs tcp = tcp();
    try {
      return tcp.blockingStub()
          .listWorkflowExecutions(
              ListWorkflowExecutionsRequest.newBuilder()
                  .setNamespace("default")
                  .setQuery(query)
                  .build())
          .getExecutionsList();
    } finally {
      tcp.shutdownNow();
    }
  }

  private static void describe(WorkflowExecution execution) {
    WorkflowServiceStubs tcp = tcp();
    try {
      tcp.blockingStub()
          .describeWorkflowExecution(
              DescribeWorkflowExecutionRequest.newBuilder()
                  .setNamespace("default")
                  .setExecution(execution)
                  .build());
    } finally {
      tcp.shutdownNow();
    }
  }

  private static WorkflowServiceStubs tcp() {
    return WorkflowServiceStubs.newServiceStubs(
        WorkflowServiceStubsOptions.newBuilder().setTarget("127.0.0.1:" + temporalPort).build());
  }
}
