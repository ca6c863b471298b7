package dev.coracle.api.security;

import static dev.coracle.api.HttpCalls.json;
import static dev.coracle.api.HttpCalls.post;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.coracle.activities.job.JobQueries;
import dev.coracle.api.CoracleUnderTest;
import dev.coracle.api.HttpCalls;
import dev.coracle.api.JobFixtures;
import dev.coracle.fakes.FakeOllamaServer;
import dev.coracle.fakes.FakeOpenAiServer;
import dev.coracle.workflows.job.JobSnapshot;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One unfinished job per workspace, over real HTTP with real jobs on fake models: a second job on a
 * busy workspace is refused at every door with 409 {@code workspace_busy} naming the job that holds
 * it, no row is written for it, and once that job has finished the workspace takes a new one.
 */
class WorkspaceLockIT {
  @TempDir static Path temp;

  static FakeOllamaServer ollama;
  static FakeOpenAiServer cloud;
  static CoracleUnderTest coracle;

  @BeforeAll
  static void start() throws Exception {
    ollama = new FakeOllamaServer().start();
    cloud = new FakeOpenAiServer().start();
    Path roots = Files.createDirectories(temp.resolve("home"));
    coracle =
        CoracleUnderTest.start(
            Files.createDirectories(temp.resolve("coracle")),
            JobFixtures.config(ollama, cloud),
            Map.of(
                "CORACLE_JOBS_FROM_CHAT",
                "true",
                "CORACLE_JOBS_CHAT_WAIT_SECONDS",
                "30",
                "CORACLE_JOBS_WORKSPACE_ROOTS",
                roots.toString()));
  }

  @AfterAll
  static void stop() {
    coracle.close();
    ollama.close();
    cloud.close();
  }

  @Test
  void of_two_submissions_at_once_one_runs_the_other_is_409_and_after_it_a_third_runs()
      throws Exception {
    Path workspace = Files.createDirectories(temp.resolve("home/app"));
    ollama.setGenerationDelay(Duration.ofMillis(300));

    List<HttpResponse<String>> pair = submitTogether(workspace, 2);

    List<HttpResponse<String>> accepted = pair.stream().filter(r -> r.statusCode() == 202).toList();
    List<HttpResponse<String>> refused = pair.stream().filter(r -> r.statusCode() != 202).toList();
    assertThat(accepted).as(pair.toString()).hasSize(1);
    assertThat(refused).hasSize(1);
    String holder = json(accepted.get(0)).path("id").asText();
    assertBusy(refused.get(0), holder);
    assertThat(jobsIn(workspace)).containsExactly(holder);

    JobFixtures.awaitJob(
        coracle.baseUrl(), holder, Duration.ofSeconds(90), JobFixtures.status("done"));
    ollama.setGenerationDelay(Duration.ZERO);
    HttpResponse<String> third =
        post(coracle.url("/api/jobs"), JobFixtures.jobBody("Create two.txt", workspace.toString()));

    assertThat(third.statusCode()).as(third.body()).isEqualTo(202);
    String thirdId = json(third).path("id").asText();
    JobFixtures.awaitJob(
        coracle.baseUrl(), thirdId, Duration.ofSeconds(90), JobFixtures.status("done"));
    assertThat(workspace.resolve("two.txt")).exists();
  }

  @Test
  void chat_and_mcp_are_refused_while_a_paused_job_holds_the_workspace() throws Exception {
    Path workspace = Files.createDirectories(temp.resolve("home/site"));
    Path alias = Files.createSymbolicLink(temp.resolve("home/site-link"), workspace);
    ollama.setGenerationDelay(Duration.ofMillis(300));
    HttpResponse<String> first =
        post(
            coracle.url("/api/jobs"),
            JobFixtures.jobBody("Create a.txt and b.txt", workspace.toString()));
    assertThat(first.statusCode()).as(first.body()).isEqualTo(202);
    String holder = json(first).path("id").asText();
    assertThat(post(coracle.url("/api/jobs/" + holder + "/pause"), "").statusCode()).isEqualTo(202);
    JobFixtures.awaitJob(
        coracle.baseUrl(), holder, Duration.ofSeconds(60), JobFixtures.status("paused"));
    long jobsBefore = allJobs();

    HttpResponse<String> viaAlias =
        post(coracle.url("/api/jobs"), JobFixtures.jobBody("Create c.txt", alias.toString()));
    HttpResponse<String> chat =
        post(
            coracle.url("/v1/chat/completions"),
            HttpCalls.chat("coracle-deep", "Create c.txt", ""),
            "x-coracle-workspace",
            workspace.toString());
    HttpResponse<String> streamed =
        post(
            coracle.url("/v1/chat/completions"),
            HttpCalls.chat("coracle-deep", "Create d.txt", "\"stream\": true"),
            "x-coracle-workspace",
            workspace.toString());
    JsonNode mcp = McpSubmitJob.call(coracle.baseUrl(), "Create e.txt", workspace.toString());

    assertBusy(viaAlias, holder);
    assertBusy(chat, holder);
    assertThat(chat.body()).doesNotContain("Exception", "\tat ");
    assertThat(streamed.statusCode()).as(streamed.body()).isEqualTo(200);
    JsonNode streamError =
        HttpCalls.sseData(streamed.body()).stream()
            .filter(data -> data.contains("\"error\""))
            .map(HttpCalls::parse)
            .findFirst()
            .orElseThrow(() -> new AssertionError("no error event in " + streamed.body()));
    assertThat(streamError.at("/error/code").asText()).isEqualTo("workspace_busy");
    assertThat(streamError.at("/error/message").asText()).contains(holder);
    assertThat(mcp.path("isError").asBoolean()).as(mcp.toString()).isTrue();
    assertThat(McpSubmitJob.text(mcp)).startsWith("workspace_busy: ").contains(holder);
    assertThat(allJobs()).isEqualTo(jobsBefore);
    for (String file : List.of("c.txt", "d.txt", "e.txt")) {
      assertThat(workspace.resolve(file)).doesNotExist();
    }

    ollama.setGenerationDelay(Duration.ZERO);
    assertThat(post(coracle.url("/api/jobs/" + holder + "/resume"), "").statusCode())
        .isEqualTo(202);
    JobFixtures.awaitJob(
        coracle.baseUrl(), holder, Duration.ofSeconds(90), JobFixtures.status("done"));
    JsonNode afterMcp = McpSubmitJob.call(coracle.baseUrl(), "Create e.txt", workspace.toString());
    assertThat(afterMcp.path("isError").asBoolean()).as(afterMcp.toString()).isFalse();
    String next = HttpCalls.parse(McpSubmitJob.text(afterMcp)).path("id").asText();
    JobFixtures.awaitJob(
        coracle.baseUrl(), next, Duration.ofSeconds(90), JobFixtures.status("done"));
  }

  private static void assertBusy(HttpResponse<String> response, String holder) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(409);
    JsonNode error = json(response).path("error");
    assertThat(error.path("code").asText()).isEqualTo("workspace_busy");
    assertThat(error.path("type").asText()).isEqualTo("invalid_request_error");
    assertThat(error.path("message").asText()).contains(holder, "/api/jobs/" + holder + "/cancel");
  }

  /** Sends {@code n} job requests for one workspace at the same moment. */
  private static List<HttpResponse<String>> submitTogether(Path workspace, int n) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(n);
    CountDownLatch go = new CountDownLatch(1);
    try {
      List<Future<HttpResponse<String>>> futures = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        futures.add(
            pool.submit(
                () -> {
                  go.await();
                  return post(
                      coracle.url("/api/jobs"),
                      JobFixtures.jobBody("Create one.txt", workspace.toString()));
                }));
      }
      go.countDown();
      List<HttpResponse<String>> responses = new ArrayList<>();
      for (Future<HttpResponse<String>> future : futures) {
        responses.add(future.get());
      }
      return responses;
    } finally {
      pool.shutdownNow();
    }
  }

  private static List<String> jobsIn(Path workspace) throws Exception {
    String real = workspace.toRealPath().toString();
    return coracle.bean(JobQueries.class).list(Set.of(), 1000, null).jobs().stream()
        .filter(job -> real.equals(job.workspace()))
        .map(JobSnapshot::jobId)
        .toList();
  }

  private static long allJobs() {
    return coracle.bean(JobQueries.class).list(Set.of(), 1000, null).jobs().size();
  }
}
