package dev.coracle.api.jobs;

import static dev.coracle.api.HttpCalls.get;
import static dev.coracle.api.HttpCalls.json;
import static dev.coracle.api.HttpCalls.post;
import static dev.coracle.api.HttpCalls.quote;
import static dev.coracle.api.jobs.StoredJobs.T0;
import static dev.coracle.api.jobs.StoredJobs.event;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.coracle.activities.job.JobStore;
import dev.coracle.api.CoracleUnderTest;
import dev.coracle.workflows.job.JobEvent;
import io.temporal.client.WorkflowExecutionDescription;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Starting and signalling jobs over real HTTP. The worker may not run {@code JobWorkflow} yet, so
 * these tests check what the API itself does: the stored row and the started workflow.
 */
class JobsWriteIT {
  @TempDir static Path home;
  @TempDir static Path workspace;
  static CoracleUnderTest coracle;
  static StoredJobs jobs;

  @BeforeAll
  static void start() {
    coracle = CoracleUnderTest.start(home, CoracleUnderTest.cloudOnly(""));
    jobs = new StoredJobs(coracle.bean(JobStore.class));
  }

  @AfterAll
  static void stop() {
    coracle.close();
  }

  private static String body(String text, String extra) {
    return "{\"messages\":[{\"role\":\"user\",\"content\":"
        + quote(text)
        + "}]"
        + (extra.isEmpty() ? "" : ", " + extra)
        + "}";
  }

  @Test
  void post_lists_the_job_as_queued_and_starts_its_workflow() {
    HttpResponse<String> response =
        post(
            coracle.url("/api/jobs"),
            body("Add a login page\nwith a remember-me box", "\"class\": \"research\""),
            "x-coracle-workspace",
            workspace.toString());

    assertThat(response.statusCode()).isEqualTo(202);
    JsonNode job = json(response);
    String id = job.get("id").asText();
    assertThat(id).matches("job-[0-9A-Z]{26}");
    assertThat(response.headers().firstValue("location")).contains("/api/jobs/" + id);
    assertThat(job.get("status").asText()).isEqualTo("queued");
    assertThat(job.get("class").asText()).isEqualTo("research");
    assertThat(job.get("title").asText()).isEqualTo("Add a login page");
    assertThat(job.get("workspace").asText()).isEqualTo(workspace.toString());
    assertThat(job.get("progress").asText()).isEqualTo("queued");

    // The job may have left "queued" by now, so the list is read without a status filter.
    JsonNode listed = json(get(coracle.url("/api/jobs")));
    assertThat(listed.get("data").findValuesAsText("id")).contains(id);
    WorkflowExecutionDescription workflow =
        coracle.server().temporal().client().newUntypedWorkflowStub(id).describe();
    assertThat(workflow.getWorkflowType()).isEqualTo("JobWorkflow");
    assertThat(workflow.getTaskQueue()).isEqualTo("coracle");
  }

  @Test
  void the_same_idempotency_key_returns_the_same_job_and_refuses_a_different_request() {
    String url = coracle.url("/api/jobs");
    HttpResponse<String> first =
        post(url, body("Write a README", ""), "Idempotency-Key", "readme-1");
    HttpResponse<String> again =
        post(url, body("Write a README", ""), "Idempotency-Key", "readme-1");
    HttpResponse<String> different =
        post(url, body("Write a CHANGELOG", ""), "Idempotency-Key", "readme-1");

    assertThat(first.statusCode()).isEqualTo(202);
    assertThat(again.statusCode()).isEqualTo(202);
    assertThat(json(again).get("id").asText()).isEqualTo(json(first).get("id").asText());
    assertThat(different.statusCode()).isEqualTo(422);
    assertThat(json(different).at("/error/code").asText()).isEqualTo("idempotency_key_reused");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "relative workspace | \"workspace\": \"src/app\" | workspace",
        "missing workspace | \"workspace\": \"/no/such/dir/anywhere\" | workspace",
        "workspace not a string | \"workspace\": 7 | workspace",
        "unknown class | \"class\": \"huge\" | class",
        "status is not a job class | \"class\": \"status\" | class",
        "no messages | \"messages\": [] | messages"
      })
  void post_refuses_bad_input_with_400(String name, String field, String param) {
    String json =
        field.startsWith("\"messages\"") ? "{" + field + "}" : body("Do something", field);
    HttpResponse<String> response = post(coracle.url("/api/jobs"), json);

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(json(response).at("/error/param").asText()).isEqualTo(param);
  }

  @Test
  void post_refuses_a_workspace_header_that_is_not_a_directory() throws Exception {
    Path file = Files.writeString(workspace.resolve("notes.txt"), "not a directory");

    HttpResponse<String> response =
        post(coracle.url("/api/jobs"), body("Do it", ""), "x-coracle-workspace", file.toString());

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(json(response).at("/error/param").asText()).isEqualTo("workspace");
  }

  @Test
  void a_started_job_takes_pause_resume_and_cancel() {
    String id =
        json(post(coracle.url("/api/jobs"), body("Refactor the parser", ""))).get("id").asText();

    for (String action : List.of("pause", "resume")) {
      HttpResponse<String> response = post(coracle.url("/api/jobs/" + id + "/" + action), "");
      assertThat(response.statusCode()).as(action).isEqualTo(202);
      assertThat(json(response).get("id").asText()).isEqualTo(id);
    }
    HttpResponse<String> cancel =
        post(coracle.url("/api/jobs/" + id + "/cancel"), "{\"reason\": \"changed my mind\"}");
    assertThat(cancel.statusCode()).isEqualTo(202);
  }

  @Test
  void signals_to_a_finished_job_are_409() {
    jobs.register("job-finished", "Finished already", T0);
    jobs.record("job-finished", "done", "finished", 0, List.of(), List.of(event(1, JobEvent.DONE)));

    for (String action : List.of("cancel", "pause", "resume")) {
      HttpResponse<String> response = post(coracle.url("/api/jobs/job-finished/" + action), "");

      assertThat(response.statusCode()).as(action).isEqualTo(409);
      assertThat(json(response).at("/error/code").asText()).isEqualTo("job_finished");
    }
  }

  @Test
  void signals_to_an_unknown_job_are_404() {
    HttpResponse<String> response = post(coracle.url("/api/jobs/job-nope/cancel"), "");

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(json(response).at("/error/code").asText()).isEqualTo("not_found");
  }

  @Test
  void a_job_whose_workflow_is_gone_says_so() {
    jobs.register("job-orphan", "Registered, never started", T0);

    HttpResponse<String> response = post(coracle.url("/api/jobs/job-orphan/pause"), "");

    assertThat(response.statusCode()).isEqualTo(409);
    assertThat(json(response).at("/error/code").asText()).isEqualTo("job_not_running");
  }
}
