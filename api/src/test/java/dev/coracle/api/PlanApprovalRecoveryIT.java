package dev.coracle.api;

import static dev.coracle.api.HttpCalls.json;
import static dev.coracle.api.HttpCalls.post;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.coracle.fakes.FakeOllamaServer;
import dev.coracle.fakes.FakeOpenAiServer;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A job waiting for its plan's approval is still waiting after {@code kill -9} of {@code coracle
 * serve} and a restart on the same home: same plan, no new planning, no coder request, and {@code
 * coracle jobs approve} then runs it to the end.
 */
class PlanApprovalRecoveryIT {
  @TempDir Path temp;

  private final FakeOllamaServer ollama = new FakeOllamaServer().start();
  private final FakeOpenAiServer cloud = new FakeOpenAiServer().start();
  private final List<CoracleProcess> processes = new ArrayList<>();

  @AfterEach
  void stop() {
    processes.forEach(CoracleProcess::close);
    ollama.close();
    cloud.close();
  }

  @Test
  void a_job_waiting_for_approval_still_waits_after_kill_9_and_a_restart() throws Exception {
    Path home = Files.createDirectories(temp.resolve("home"));
    Path workspace = Files.createDirectories(temp.resolve("workspace"));
    Path logs = Files.createDirectories(temp.resolve("logs"));
    Files.writeString(home.resolve("coracle.yml"), JobFixtures.config(ollama, cloud));
    ollama.setGenerationDelay(Duration.ZERO);

    CoracleProcess first = launch(home, logs);
    HttpResponse<String> created =
        post(
            first.baseUrl() + "/api/jobs",
            """
            {"messages": [{"role": "user", "content": "Create a.txt and b.txt"}],
             "workspace": %s, "approve_plan": true}
            """
                .formatted(HttpCalls.quote(workspace.toString())));
    assertThat(created.statusCode()).as(created.body()).isEqualTo(202);
    String id = json(created).path("id").asText();
    JsonNode waiting =
        JobFixtures.awaitJob(
            first.baseUrl(), id, Duration.ofSeconds(60), JobFixtures.status("waiting_approval"));
    int planRequests = cloud.requests("/v1/chat/completions").size();

    first.process.destroyForcibly(); // SIGKILL: no shutdown hook, no drain.
    first.awaitExit(Duration.ofSeconds(20));
    CoracleProcess second = launch(home, logs);

    JsonNode restarted =
        JobFixtures.awaitJob(
            second.baseUrl(),
            id,
            Duration.ofSeconds(60),
            job ->
                job.path("status").asText().equals("waiting_approval")
                    && storedTypes(second, id).contains("recovered"));
    assertThat(restarted.path("plan")).isEqualTo(waiting.path("plan"));
    assertThat(cloud.requests("/v1/chat/completions")).hasSize(planRequests);
    assertThat(coderRequests()).isZero();
    HttpResponse<String> busy =
        post(
            second.baseUrl() + "/api/jobs",
            JobFixtures.jobBody("Create c.txt", workspace.toString()));
    assertThat(busy.statusCode()).as("the waiting job still holds its workspace").isEqualTo(409);

    JobsCli.Run approved = new JobsCli(second.baseUrl(), home, logs).run("approve", id);

    assertThat(approved.exitCode()).as(approved.stderr()).isZero();
    JobFixtures.awaitJob(second.baseUrl(), id, Duration.ofSeconds(60), JobFixtures.status("done"));
    assertThat(workspace.resolve("a.txt")).exists();
    assertThat(workspace.resolve("b.txt")).exists();
  }

  private static List<String> storedTypes(CoracleProcess coracle, String id) {
    HttpResponse<String> response =
        HttpCalls.get(coracle.baseUrl() + "/api/jobs/" + id + "/events?follow=false");
    return HttpCalls.sseData(response.body()).stream()
        .map(data -> HttpCalls.parse(data).path("type").asText())
        .toList();
  }

  private long coderRequests() {
    return ollama.requests("/api/chat").stream()
        .filter(r -> r.body().path("tools").size() > 0)
        .count();
  }

  private CoracleProcess launch(Path home, Path logs) {
    CoracleProcess process = CoracleProcess.launch(home, logs, Map.of());
    processes.add(process);
    process.awaitReady(Duration.ofSeconds(60));
    return process;
  }
}
