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
 * Plan approval with a real coracle over fake upstreams, steered by the real {@code coracle jobs}
 * command line in child processes: a job that asks for approval stops at its plan and makes no
 * coder request until a person approves, edits or rejects the plan.
 */
class PlanApprovalIT {
  @TempDir static Path home;
  @TempDir static Path logs;
  @TempDir Path workspace;

  static FakeOllamaServer ollama;
  static FakeOpenAiServer cloud;
  static CoracleUnderTest coracle;
  static JobsCli cli;

  @BeforeAll
  static void start() {
    ollama = new FakeOllamaServer().start();
    cloud = new FakeOpenAiServer().start();
    coracle =
        CoracleUnderTest.start(
            home,
            JobFixtures.config(ollama, cloud),
            Map.of("CORACLE_JOBS_FROM_CHAT", "true", "CORACLE_JOBS_CHAT_WAIT_SECONDS", "30"));
    cli = new JobsCli(coracle.baseUrl(), home, logs);
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

  @Test
  void a_job_waits_at_its_plan_with_no_coder_request_until_coracle_jobs_approve() {
    String id = submitWaiting("Create a.txt and b.txt");

    JsonNode job = JobFixtures.job(coracle.baseUrl(), id);
    assertThat(job.path("progress").asText()).isEqualTo("waiting for approval of 2 steps");
    assertThat(job.path("plan").path("steps").findValuesAsText("goal"))
        .containsExactly("Create a.txt", "Create b.txt");
    assertThat(storedEvents(id))
        .anySatisfy(
            e -> {
              assertThat(e.path("type").asText()).isEqualTo("waiting-approval");
              assertThat(e.path("message").asText()).contains("1. Create a.txt", "2. Create b.txt");
            });
    assertThat(statusAnswer()).contains(id, "waiting for approval", "1. Create a.txt");
    JobsCli.Run shown = cli.run("show", id);
    assertThat(shown.exitCode()).as(shown.stderr()).isZero();
    assertThat(shown.stdout())
        .contains("waiting_approval", "plan, waiting for approval", "1. Create a.txt");
    assertThat(coderRequests()).isEmpty();
    assertThat(workspace.resolve("a.txt")).doesNotExist();

    JobsCli.Run approved = cli.run("approve", id);

    assertThat(approved.exitCode()).as(approved.stderr()).isZero();
    assertThat(approved.stdout()).contains("Approved the plan of " + id);
    JsonNode done =
        JobFixtures.awaitJob(
            coracle.baseUrl(), id, Duration.ofSeconds(60), JobFixtures.status("done"));
    assertThat(done.path("steps").findValuesAsText("status")).containsOnly("done");
    assertThat(workspace.resolve("a.txt")).exists();
    assertThat(workspace.resolve("b.txt")).exists();
    assertThat(coderRequests()).isNotEmpty();
    JobsCli.Run again = cli.run("approve", id);
    assertThat(again.exitCode()).isEqualTo(5);
    assertThat(again.stderr()).contains("only a job waiting for approval");
  }

  @Test
  void an_edited_plan_runs_the_edited_steps_and_an_invalid_one_is_a_400() throws Exception {
    String id = submitWaiting("Create a.txt and b.txt");
    HttpResponse<String> invalid =
        post(coracle.baseUrl() + "/api/jobs/" + id + "/approve", "{\"steps\": [{\"goal\": \"\"}]}");
    assertThat(invalid.statusCode()).isEqualTo(400);
    assertThat(json(invalid).path("error").path("code").asText()).isEqualTo("invalid_plan");
    Path plan = workspace.resolveSibling(workspace.getFileName() + "-plan.json");
    Files.writeString(
        plan,
        "{\"steps\": [{\"goal\": \"Create c.txt\", \"files\": [\"c.txt\"]},"
            + " {\"goal\": \"Create d.md\", \"files\": [\"d.md\"]}]}");

    JobsCli.Run approved = cli.run("approve", id, "--plan", plan.toString());

    assertThat(approved.exitCode()).as(approved.stderr()).isZero();
    JsonNode done =
        JobFixtures.awaitJob(
            coracle.baseUrl(), id, Duration.ofSeconds(60), JobFixtures.status("done"));
    assertThat(done.path("steps").findValuesAsText("goal"))
        .containsExactly("Create c.txt", "Create d.md");
    assertThat(workspace.resolve("c.txt")).exists();
    assertThat(workspace.resolve("d.md")).exists();
    assertThat(workspace.resolve("a.txt")).doesNotExist();
  }

  @Test
  void a_rejection_replans_with_the_reason_and_a_second_one_cancels_the_job() {
    String id = submitWaiting("Create a.txt");
    int plansBefore = planRequests().size();

    JobsCli.Run rejected = cli.run("reject", id, "--reason", "also write notes.md");

    assertThat(rejected.exitCode()).as(rejected.stderr()).isZero();
    awaitEvent(id, "waiting-approval", 2);
    List<RecordedRequest> plans = planRequests();
    assertThat(plans).hasSize(plansBefore + 1);
    assertThat(plans.get(plans.size() - 1).body().path("messages").toString())
        .contains("also write notes.md");
    // The fake planner reads only the brief, so the new plan looks like the old one; what matters
    // is that one replan ran, with the reason in its prompt, and the job waits on its result.
    assertThat(storedEvents(id).stream().map(e -> e.path("type").asText()).toList())
        .containsSubsequence("waiting-approval", "rejected", "stage", "waiting-approval");
    assertThat(JobFixtures.job(coracle.baseUrl(), id).path("status").asText())
        .isEqualTo("waiting_approval");
    assertThat(coderRequests()).isEmpty();

    HttpResponse<String> second =
        post(
            coracle.baseUrl() + "/api/jobs/" + id + "/reject",
            "{\"reason\": \"still not what I meant\"}");

    assertThat(second.statusCode()).isEqualTo(202);
    JsonNode cancelled =
        JobFixtures.awaitJob(
            coracle.baseUrl(), id, Duration.ofSeconds(30), JobFixtures.status("cancelled"));
    assertThat(cancelled.path("error").asText()).contains("rejected twice", "still not what");
    assertThat(coderRequests()).isEmpty();
  }

  @Test
  void coracle_jobs_watch_in_a_terminal_shows_the_bar_advance_and_exits_0() throws Exception {
    String id = submitWaiting("Create w1.txt and w2.txt");
    ollama.setGenerationDelay(Duration.ofMillis(400));
    Process watch = cli.startInTerminal("watch", id);
    Path screen = cli.ptyOutput(watch);
    awaitText(screen, "0/2 steps");

    post(coracle.baseUrl() + "/api/jobs/" + id + "/approve", "");
    JobsCli.Run run = cli.finish(watch, Duration.ofSeconds(90));

    assertThat(run.exitCode()).as(run.stdout() + run.stderr()).isZero();
    String output = run.stdout();
    assertThat(output).contains("[----------", "1/2 steps", "2/2 steps", "Job " + id + " done.");
    assertThat(output.indexOf("0/2 steps")).isLessThan(output.indexOf("1/2 steps"));
    assertThat(output.indexOf("1/2 steps")).isLessThan(output.lastIndexOf("2/2 steps"));
    // Redrawn in place by JLine on a terminal: escape sequences, not one line per change.
    assertThat(output).contains("\u001b[");

    // Without a terminal (a pipe), plain lines: the events, the bar, how the job ended.
    JobsCli.Run plain = cli.run("watch", id);
    assertThat(plain.exitCode()).isZero();
    assertThat(plain.stdout())
        .doesNotContain("\u001b[")
        .contains("step-done", "[####################] 2/2 steps", "Job " + id + " done.");
    System.out.println("coracle jobs watch, no terminal:\n" + plain.stdout());
  }

  @Test
  void a_streamed_chat_ends_with_the_plan_and_the_next_go_ahead_runs_the_job() {
    String ask = "Create q.txt and r.txt";
    HttpResponse<String> first =
        post(
            coracle.baseUrl() + "/v1/chat/completions",
            HttpCalls.chat("coracle-deep", ask, "\"stream\": true"),
            "x-coracle-workspace",
            workspace.toString(),
            "x-coracle-approve-plan",
            "true");
    assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
    String id = first.headers().firstValue("x-coracle-job-id").orElseThrow();
    String shown = content(first);

    assertThat(shown.strip())
        .contains("1. Create q.txt", "2. Create r.txt")
        .endsWith("--reason \"...\"`.");
    assertThat(shown).contains("Reply \"go ahead\"");
    assertThat(JobFixtures.job(coracle.baseUrl(), id).path("status").asText())
        .isEqualTo("waiting_approval");
    assertThat(coderRequests()).isEmpty();

    String next =
        """
        {"model": "coracle-deep", "stream": true, "messages": [
          {"role": "user", "content": %s},
          {"role": "assistant", "content": %s},
          {"role": "user", "content": "go ahead"}]}
        """
            .formatted(HttpCalls.quote(ask), HttpCalls.quote(shown));
    HttpResponse<String> second = post(coracle.baseUrl() + "/v1/chat/completions", next);

    assertThat(second.statusCode()).as(second.body()).isEqualTo(200);
    String followed = content(second);
    assertThat(followed).contains("plan approved", "2 of 2 steps done").doesNotContain("1. Create");
    assertThat(JobFixtures.job(coracle.baseUrl(), id).path("status").asText()).isEqualTo("done");
    assertThat(workspace.resolve("q.txt")).exists();
    assertThat(workspace.resolve("r.txt")).exists();
  }

  @Test
  void a_non_streamed_chat_answers_with_the_plan_and_a_no_with_a_reason_replans() {
    String ask = "Create n.txt";
    HttpResponse<String> first =
        post(
            coracle.baseUrl() + "/v1/chat/completions",
            HttpCalls.chat("coracle-deep", ask, ""),
            "x-coracle-workspace",
            workspace.toString(),
            "x-coracle-approve-plan",
            "true");
    assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
    String id = first.headers().firstValue("x-coracle-job-id").orElseThrow();
    String shown = json(first).path("choices").path(0).path("message").path("content").asText();
    assertThat(shown).contains(id, "1. Create n.txt", "Reply \"go ahead\"");

    String next =
        """
        {"model": "coracle-deep", "messages": [
          {"role": "user", "content": %s},
          {"role": "assistant", "content": %s},
          {"role": "user", "content": "no, name the file n.md instead"}]}
        """
            .formatted(HttpCalls.quote(ask), HttpCalls.quote(shown));
    HttpResponse<String> second = post(coracle.baseUrl() + "/v1/chat/completions", next);

    assertThat(second.statusCode()).as(second.body()).isEqualTo(200);
    String replanned =
        json(second).path("choices").path(0).path("message").path("content").asText();
    assertThat(replanned).contains(id, "waiting for approval", "Reply \"go ahead\"");
    assertThat(storedEvents(id).stream().map(e -> e.path("message").asText()))
        .contains("plan rejected: no, name the file n.md instead");
    assertThat(planRequests().get(planRequests().size() - 1).body().path("messages").toString())
        .contains("no, name the file n.md instead");
    assertThat(coderRequests()).isEmpty();
  }

  @Test
  void mcp_approve_job_and_reject_job_decide_like_the_api() {
    String id = submitWaiting("Create m.txt");

    JsonNode rejected = mcpCall("reject_job", "{\"id\": \"" + id + "\", \"reason\": \"use m.md\"}");
    assertThat(rejected.path("isError").asBoolean()).as(rejected.toString()).isFalse();
    awaitEvent(id, "waiting-approval", 2);
    JsonNode approved =
        mcpCall(
            "approve_job",
            "{\"id\": \""
                + id
                + "\", \"plan\": {\"steps\": [{\"goal\": \"Create m.md\", \"files\": [\"m.md\"]}]}}");
    assertThat(approved.path("isError").asBoolean()).as(approved.toString()).isFalse();
    JsonNode done =
        JobFixtures.awaitJob(
            coracle.baseUrl(), id, Duration.ofSeconds(60), JobFixtures.status("done"));

    assertThat(done.path("steps").findValuesAsText("goal")).containsExactly("Create m.md");
    assertThat(workspace.resolve("m.md")).exists();
    JsonNode late = mcpCall("approve_job", "{\"id\": \"" + id + "\"}");
    assertThat(late.path("isError").asBoolean()).isTrue();
    assertThat(late.path("content").path(0).path("text").asText()).startsWith("job_not_waiting");
  }

  /** One JSON-RPC {@code tools/call} to coracle's {@code /mcp}; its {@code result}. */
  private static JsonNode mcpCall(String tool, String arguments) {
    HttpResponse<String> response =
        post(
            coracle.baseUrl() + "/mcp",
            "{\"jsonrpc\": \"2.0\", \"id\": 1, \"method\": \"tools/call\", \"params\":"
                + " {\"name\": \""
                + tool
                + "\", \"arguments\": "
                + arguments
                + "}}",
            "Accept",
            "application/json, text/event-stream");
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return json(response).path("result");
  }

  private String submitWaiting(String request) {
    String body =
        """
        {"messages": [{"role": "user", "content": %s}], "workspace": %s, "approve_plan": true}
        """
            .formatted(HttpCalls.quote(request), HttpCalls.quote(workspace.toString()));
    HttpResponse<String> created = post(coracle.baseUrl() + "/api/jobs", body);
    assertThat(created.statusCode()).as(created.body()).isEqualTo(202);
    String id = json(created).path("id").asText();
    JobFixtures.awaitJob(
        coracle.baseUrl(), id, Duration.ofSeconds(60), JobFixtures.status("waiting_approval"));
    return id;
  }

  private static List<JsonNode> storedEvents(String id) {
    HttpResponse<String> response =
        HttpCalls.get(coracle.baseUrl() + "/api/jobs/" + id + "/events?follow=false");
    return HttpCalls.sseData(response.body()).stream().map(HttpCalls::parse).toList();
  }

  private static String statusAnswer() {
    HttpResponse<String> status =
        post(
            coracle.baseUrl() + "/v1/chat/completions",
            HttpCalls.chat("coracle-status", "status?", ""));
    return json(status).path("choices").path(0).path("message").path("content").asText();
  }

  /** Requests to the local model that offered tools: the coder's turns. */
  private static List<RecordedRequest> coderRequests() {
    return ollama.requests("/api/chat").stream()
        .filter(r -> r.body().path("tools").size() > 0)
        .toList();
  }

  private static List<RecordedRequest> planRequests() {
    return cloud.requests("/v1/chat/completions").stream()
        .filter(r -> r.body().path("messages").toString().contains("You plan a coding job"))
        .toList();
  }

  private static String content(HttpResponse<String> streamed) {
    StringBuilder content = new StringBuilder();
    for (String data : HttpCalls.sseData(streamed.body())) {
      if (!data.equals("[DONE]")) {
        content.append(
            HttpCalls.parse(data).path("choices").path(0).path("delta").path("content").asText(""));
      }
    }
    return content.toString();
  }

  private static void awaitEvent(String id, String type, int count) {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    List<JsonNode> events = List.of();
    while (System.nanoTime() < deadline) {
      events = storedEvents(id);
      if (events.stream().filter(e -> type.equals(e.path("type").asText())).count() >= count) {
        return;
      }
      JobFixtures.sleep(100);
    }
    throw new AssertionError("never " + count + " events " + type + "; events: " + events);
  }

  private static void awaitText(Path file, String text) {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline) {
      if (cli.read(file).contains(text)) {
        return;
      }
      JobFixtures.sleep(100);
    }
    throw new AssertionError("never shown: " + text + "; screen: " + cli.read(file));
  }
}
