package dev.coracle.api;

import static dev.coracle.api.HttpCalls.json;
import static dev.coracle.api.HttpCalls.post;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.coracle.fakes.FakeOllamaServer;
import dev.coracle.fakes.FakeOpenAiServer;
import dev.coracle.fakes.RecordedRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Coding jobs end to end against fake upstreams that answer by coracle's JSON schemas: real
 * embedded Temporal, real SQLite, real HTTP, real files in a real workspace.
 */
class JobsEndToEndIT {
  @TempDir static Path home;
  @TempDir Path workspace;

  static FakeOllamaServer ollama;
  static FakeOpenAiServer cloud;
  static CoracleUnderTest coracle;

  @BeforeAll
  static void start() {
    ollama = new FakeOllamaServer().start();
    cloud = new FakeOpenAiServer().start();
    coracle =
        CoracleUnderTest.start(
            home,
            JobFixtures.config(ollama, cloud),
            Map.of("CORACLE_JOBS_FROM_CHAT", "true", "CORACLE_JOBS_CHAT_WAIT_SECONDS", "30"));
  }

  @AfterAll
  static void stop() {
    coracle.close();
    ollama.close();
    cloud.close();
  }

  @BeforeEach
  void reset() {
    ollama.setGenerationDelay(Duration.ZERO);
    ollama.reset();
    cloud.reset();
  }

  private String submit(String request) {
    HttpResponse<String> created =
        post(coracle.baseUrl() + "/api/jobs", JobFixtures.jobBody(request, workspace.toString()));
    assertThat(created.statusCode()).as(created.body()).isEqualTo(202);
    assertThat(created.headers().firstValue("location")).isPresent();
    return json(created).path("id").asText();
  }

  @Test
  void deep_job_plans_in_the_cloud_writes_real_files_and_can_be_followed_step_by_step()
      throws Exception {
    String id = submit("Create notes/a.txt, b.txt and c.txt");

    List<JsonNode> events = JobFixtures.events(coracle.baseUrl(), id);

    List<String> types = events.stream().map(e -> e.path("type").asText()).toList();
    assertThat(types)
        .containsSubsequence(
            "created",
            "stage",
            "step-started",
            "tool",
            "step-done",
            "verify",
            "step-started",
            "tool",
            "step-done",
            "verify",
            "step-started",
            "tool",
            "step-done",
            "done");
    assertThat(Files.readString(workspace.resolve("notes/a.txt")))
        .isEqualTo("written by coracle step 1\n");
    assertThat(workspace.resolve("b.txt")).exists();
    assertThat(workspace.resolve("c.txt")).exists();
    JsonNode job = JobFixtures.job(coracle.baseUrl(), id);
    assertThat(job.path("status").asText()).isEqualTo("done");
    assertThat(job.path("step_count").asInt()).isEqualTo(3);
    assertThat(job.path("changed_files").toString()).contains("notes/a.txt", "b.txt", "c.txt");
    assertThat(job.path("summary").asText()).contains("3 of 3 steps done");
    // One plan from the cloud, by the JSON schema; every coder turn on the local model.
    List<RecordedRequest> plans = cloud.requests("/v1/chat/completions");
    assertThat(plans).hasSize(1);
    assertThat(plans.get(0).body().path("response_format").path("type").asText())
        .isEqualTo("json_schema");
    assertThat(JobFixtures.coderRequestsForStep(ollama, 1)).hasSize(2);
  }

  @Test
  void a_scripted_coder_makes_exactly_the_scripted_calls_in_order() throws Exception {
    Files.writeString(workspace.resolve("in.txt"), "original text\n");
    String id =
        submit(
            """
            Follow the script.
            tool-call: read_file {"path": "in.txt"}
            tool-call: write_file {"path": "out/copy.txt", "content": "copied\\n"}
            """);

    JsonNode job =
        JobFixtures.awaitJob(
            coracle.baseUrl(),
            id,
            Duration.ofSeconds(60),
            j -> j.path("status").asText().equals("done"));

    assertThat(job.path("step_count").asInt()).isEqualTo(1);
    assertThat(Files.readString(workspace.resolve("out/copy.txt"))).isEqualTo("copied\n");
    List<JsonNode> tools =
        JobFixtures.events(coracle.baseUrl(), id).stream()
            .filter(e -> e.path("type").asText().equals("tool"))
            .toList();
    assertThat(tools).hasSize(2);
    assertThat(tools.get(0).toString()).contains("read_file");
    assertThat(tools.get(1).toString()).contains("write_file");
  }

  @Test
  void events_resume_after_the_last_event_id() {
    String id = submit("Create one.txt");
    List<JsonNode> all = JobFixtures.events(coracle.baseUrl(), id);

    List<JsonNode> rest = JobFixtures.events(coracle.baseUrl(), id, "Last-Event-ID", "3");

    assertThat(rest.get(0).path("seq").asLong()).isEqualTo(4);
    assertThat(rest).hasSize(all.size() - 3);
  }

  @Test
  void streamed_deep_chat_shows_a_line_per_stage_and_step_then_the_summary() {
    HttpResponse<String> response =
        post(
            coracle.baseUrl() + "/v1/chat/completions",
            HttpCalls.chat("coracle-deep", "Create x.txt and y.txt", "\"stream\": true"),
            "x-coracle-workspace",
            workspace.toString());

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    String jobId = response.headers().firstValue("x-coracle-job-id").orElseThrow();
    StringBuilder content = new StringBuilder();
    for (String data : HttpCalls.sseData(response.body())) {
      if (!data.equals("[DONE]")) {
        content.append(
            HttpCalls.parse(data).path("choices").path(0).path("delta").path("content").asText(""));
      }
    }
    assertThat(content.toString())
        .contains(jobId, "step 1 of 2", "step 2 of 2", "2 of 2 steps done", "- x.txt", "- y.txt");
    assertThat(workspace.resolve("x.txt")).exists();
  }

  @Test
  void non_streamed_deep_chat_waits_for_the_job_and_answers_with_its_summary() {
    HttpResponse<String> response =
        post(
            coracle.baseUrl() + "/v1/chat/completions",
            HttpCalls.chat("coracle-deep", "Create z.txt", ""),
            "x-coracle-workspace",
            workspace.toString());

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    String content =
        json(response).path("choices").path(0).path("message").path("content").asText();
    assertThat(content).contains("1 of 1 steps done", "- z.txt");
    assertThat(workspace.resolve("z.txt")).exists();
  }

  @Test
  void status_question_while_a_job_runs_is_answered_from_the_store_without_a_model() {
    ollama.setGenerationDelay(Duration.ofSeconds(2));
    String id = submit("Create slow1.txt and slow2.txt");
    JobFixtures.awaitJob(
        coracle.baseUrl(), id, Duration.ofSeconds(30), JobFixtures.status("running"));
    int modelCallsBefore = ollama.requests("/api/chat").size();

    HttpResponse<String> status =
        post(
            coracle.baseUrl() + "/v1/chat/completions",
            HttpCalls.chat("coracle-status", "status?", ""));

    String answer = json(status).path("choices").path(0).path("message").path("content").asText();
    assertThat(answer).contains(id);
    assertThat(ollama.requests("/api/chat").size() - modelCallsBefore).isLessThanOrEqualTo(1);
    ollama.setGenerationDelay(Duration.ZERO);
    JobFixtures.awaitJob(coracle.baseUrl(), id, Duration.ofSeconds(60), JobFixtures.status("done"));
  }

  @Test
  void pause_holds_a_job_between_turns_and_resume_lets_it_finish() {
    ollama.setGenerationDelay(Duration.ofMillis(700));
    String id = submit("Create p1.txt, p2.txt and p3.txt");
    JobFixtures.awaitJob(coracle.baseUrl(), id, Duration.ofSeconds(30), JobFixtures.stepDone(1));

    assertThat(post(coracle.baseUrl() + "/api/jobs/" + id + "/pause", "").statusCode())
        .isEqualTo(202);
    JobFixtures.awaitJob(
        coracle.baseUrl(), id, Duration.ofSeconds(30), JobFixtures.status("paused"));
    int requestsWhilePaused = ollama.requests("/api/chat").size();
    JobFixtures.sleep(2000);
    assertThat(ollama.requests("/api/chat")).hasSize(requestsWhilePaused);

    assertThat(post(coracle.baseUrl() + "/api/jobs/" + id + "/resume", "").statusCode())
        .isEqualTo(202);
    JobFixtures.awaitJob(coracle.baseUrl(), id, Duration.ofSeconds(60), JobFixtures.status("done"));
    assertThat(workspace.resolve("p3.txt")).exists();
  }

  @Test
  void cancel_stops_a_job_within_one_coder_turn() {
    ollama.setGenerationDelay(Duration.ofMillis(700));
    String id = submit("Create c1.txt, c2.txt, c3.txt and c4.txt");
    JobFixtures.awaitJob(coracle.baseUrl(), id, Duration.ofSeconds(30), JobFixtures.stepDone(1));

    HttpResponse<String> cancel =
        post(coracle.baseUrl() + "/api/jobs/" + id + "/cancel", "{\"reason\": \"enough\"}");
    assertThat(cancel.statusCode()).isEqualTo(202);
    int requestsAtCancel = ollama.requests("/api/chat").size();
    JsonNode job =
        JobFixtures.awaitJob(
            coracle.baseUrl(), id, Duration.ofSeconds(30), JobFixtures.status("cancelled"));

    // At most the turn in flight finished after the cancel.
    assertThat(ollama.requests("/api/chat").size() - requestsAtCancel).isLessThanOrEqualTo(1);
    assertThat(job.path("error").asText()).contains("enough");
    assertThat(workspace.resolve("c4.txt")).doesNotExist();
    assertThat(post(coracle.baseUrl() + "/api/jobs/" + id + "/cancel", "").statusCode())
        .isEqualTo(409);
  }
}
