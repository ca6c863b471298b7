package dev.coracle.api;

import static dev.coracle.api.HttpCalls.chat;
import static dev.coracle.api.HttpCalls.json;
import static dev.coracle.api.HttpCalls.post;
import static org.assertj.core.api.Assertions.assertThat;

import dev.coracle.fakes.FakeOpenAiServer;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionResponse;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** End to end: {@code coracle serve} as a child process with a temporary CORACLE_HOME. */
class ServeProcessIT {
  @TempDir Path home;
  @TempDir Path logs;

  @Test
  void serve_answers_chats_exposes_temporal_and_stops_cleanly_on_sigterm() throws IOException {
    try (FakeOpenAiServer cloud = new FakeOpenAiServer().start()) {
      Files.writeString(
          home.resolve("coracle.yml"),
          CoracleUnderTest.cloudOnly(
              "providers:\n" + CoracleUnderTest.openAiProvider("fake", cloud.baseUrl(), "echo")));
      try (CoracleProcess coracle = CoracleProcess.launch(home, logs, Map.of())) {
        coracle.awaitReady(Duration.ofSeconds(60));
        assertThat(coracle.stdoutText())
            .contains("OpenAI API")
            .contains(coracle.baseUrl() + "/v1")
            .contains("embedded test server on 127.0.0.1:" + coracle.temporalPort)
            .contains(home.resolve("coracle.db").toString())
            .contains("fake: key set [echo]")
            .contains("fake/echo for quick answers, fake/echo for deep work");

        HttpResponse<String> answer =
            post(coracle.baseUrl() + "/v1/chat/completions", chat("coracle", "hello", ""));
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertThat(json(answer).at("/choices/0/message/content").asText()).isEqualTo("echo: hello");
        String workflowId = answer.headers().firstValue("x-coracle-workflow-id").orElseThrow();

        assertThat(describeOverTcp(coracle.temporalPort, workflowId))
            .as("outside tools see the chat workflow on the embedded server's TCP port")
            .isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED);
        assertThat(Files.exists(home.resolve("coracle.db"))).isTrue();

        coracle.process.destroy(); // SIGTERM
        assertThat(coracle.awaitExit(Duration.ofSeconds(10))).isZero();
        assertThat(coracle.stdoutText()).contains("coracle: stopped");
        assertThat(coracle.stderrText()).doesNotContain("Exception");
      }
    }
  }

  @Test
  void taken_http_port_is_one_clear_line_and_exit_2() throws IOException {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        CoracleProcess coracle =
            CoracleProcess.launch(
                home, logs, Map.of(), "--port", Integer.toString(taken.getLocalPort()))) {
      assertThat(coracle.awaitExit(Duration.ofSeconds(60))).isEqualTo(2);
      assertThat(coracle.stderrText().strip())
          .isEqualTo("coracle: 127.0.0.1:" + taken.getLocalPort() + " is already in use");
    }
  }

  @Test
  void taken_temporal_port_is_one_clear_line_and_exit_2() throws IOException {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        CoracleProcess coracle =
            CoracleProcess.launch(
                home,
                logs,
                Map.of("CORACLE_TEMPORAL_EMBEDDED_PORT", Integer.toString(taken.getLocalPort())))) {
      assertThat(coracle.awaitExit(Duration.ofSeconds(60))).isEqualTo(2);
      assertThat(coracle.stderrText().strip())
          .isEqualTo("coracle: 127.0.0.1:" + taken.getLocalPort() + " is already in use");
    }
  }

  @Test
  void unwritable_home_is_one_clear_line_and_exit_2() throws IOException {
    Path notADirectory = Files.writeString(home.resolve("plain-file"), "x");
    try (CoracleProcess coracle = CoracleProcess.launch(notADirectory, logs, Map.of())) {
      assertThat(coracle.awaitExit(Duration.ofSeconds(60))).isEqualTo(2);
      String stderr = coracle.stderrText().strip();
      assertThat(stderr.lines()).hasSize(1);
      assertThat(stderr).startsWith("coracle: CORACLE_HOME " + notADirectory + " is not writable");
    }
  }

  @Test
  void broken_config_is_one_clear_line_and_exit_2() throws IOException {
    Files.writeString(home.resolve("coracle.yml"), "server:\n  port: [not a port\n");
    try (CoracleProcess coracle = CoracleProcess.launch(home, logs, Map.of())) {
      assertThat(coracle.awaitExit(Duration.ofSeconds(60))).isEqualTo(2);
      String stderr = coracle.stderrText().strip();
      assertThat(stderr.lines()).hasSize(1);
      assertThat(stderr).startsWith("coracle: " + home.resolve("coracle.yml") + ": not valid YAML");
    }
  }

  private static WorkflowExecutionStatus describeOverTcp(int port, String workflowId) {
    WorkflowServiceStubs stubs =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder().setTarget("127.0.0.1:" + port).build());
    try {
      DescribeWorkflowExecutionResponse response =
          stubs
              .blockingStub()
              .describeWorkflowExecution(
                  DescribeWorkflowExecutionRequest.newBuilder()
                      .setNamespace("default")
                      .setExecution(WorkflowExecution.newBuilder().setWorkflowId(workflowId))
                      .build());
      return response.getWorkflowExecutionInfo().getStatus();
    } finally {
      stubs.shutdownNow();
    }
  }
}
