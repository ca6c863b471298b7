package dev.coracle.api.jobs;

import static dev.coracle.api.HttpCalls.get;
import static dev.coracle.api.HttpCalls.getAsync;
import static dev.coracle.api.HttpCalls.json;
import static dev.coracle.api.jobs.StoredJobs.T0;
import static dev.coracle.api.jobs.StoredJobs.event;
import static dev.coracle.api.jobs.StoredJobs.step;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.coracle.activities.job.JobStore;
import dev.coracle.api.CoracleUnderTest;
import dev.coracle.workflows.job.JobEvent;
import dev.coracle.workflows.job.JobStep;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Listing, showing and following jobs over real HTTP, from rows the job store wrote. */
class JobsReadIT {
  @TempDir static Path home;
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

  @Test
  void detail_shows_progress_steps_usage_and_times() {
    jobs.register("job-detail", "Add a login page", T0);
    jobs.record(
        "job-detail",
        "running",
        "step",
        2,
        List.of(
            step(1, JobStep.DONE, "Write the form"),
            step(2, JobStep.RUNNING, "Wire the route"),
            step(3, JobStep.PENDING, "Test it")),
        List.of(event(1, JobEvent.CREATED)));

    HttpResponse<String> response = get(coracle.url("/api/jobs/job-detail"));

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode job = json(response);
    assertThat(job.get("id").asText()).isEqualTo("job-detail");
    assertThat(job.get("status").asText()).isEqualTo("running");
    assertThat(job.get("class").asText()).isEqualTo("deep");
    assertThat(job.get("stage").asText()).isEqualTo("step");
    assertThat(job.get("current_step").asInt()).isEqualTo(2);
    assertThat(job.get("step_count").asInt()).isEqualTo(3);
    assertThat(job.get("progress").asText()).isEqualTo("step 2 of 3");
    assertThat(job.get("planner").asText()).isEqualTo("groq/llama-3.3-70b");
    assertThat(job.at("/usage/total_tokens").asInt()).isEqualTo(1540);
    assertThat(job.get("changed_files").toString())
        .isEqualTo("[\"src/Login.java\",\"src/Routes.java\"]");
    assertThat(job.get("workspace").asText()).isEqualTo("/work/app");
    assertThat(job.get("error").isNull()).isTrue();
    assertThat(job.get("created_at").asText()).isEqualTo("2026-11-20T08:00:00Z");
    assertThat(job.get("updated_at").asText()).isEqualTo("2026-11-20T08:01:00Z");
    JsonNode done = job.at("/steps/0");
    assertThat(done.get("goal").asText()).isEqualTo("Write the form");
    assertThat(done.get("status").asText()).isEqualTo("done");
    assertThat(done.get("started_at").asText()).isEqualTo("2026-11-20T08:00:01Z");
    assertThat(done.get("finished_at").asText()).isEqualTo("2026-11-20T08:00:04.500Z");
    assertThat(done.get("duration_ms").asLong()).isEqualTo(3500);
    assertThat(done.get("turns").asInt()).isEqualTo(3);
    assertThat(done.get("tool_calls").asInt()).isEqualTo(5);
    assertThat(done.get("prompt_tokens").asInt()).isEqualTo(800);
    assertThat(done.get("files").toString()).isEqualTo("[\"src/Login.java\"]");
    assertThat(job.at("/steps/1/finished_at").isNull()).isTrue();
    assertThat(job.at("/steps/1/duration_ms").isNull()).isTrue();
    assertThat(job.at("/steps/2/status").asText()).isEqualTo("pending");
  }

  @Test
  void list_filters_by_status_and_pages_newest_first() {
    for (int i = 1; i <= 3; i++) {
      jobs.register("job-paused-" + i, "Paused " + i, T0 + i);
      jobs.record("job-paused-" + i, "paused", "step", 1, List.of(), List.of());
    }
    jobs.register("job-list-queued", "Not paused", T0 + 10);

    JsonNode first = json(get(coracle.url("/api/jobs?status=paused&limit=2")));
    JsonNode second =
        json(
            get(
                coracle.url(
                    "/api/jobs?status=paused&limit=2&cursor="
                        + URLEncoder.encode(
                            first.get("next_cursor").asText(), StandardCharsets.UTF_8))));

    assertThat(first.get("object").asText()).isEqualTo("list");
    assertThat(ids(first)).containsExactly("job-paused-3", "job-paused-2");
    assertThat(first.get("has_more").asBoolean()).isTrue();
    assertThat(ids(second)).containsExactly("job-paused-1");
    assertThat(second.get("has_more").asBoolean()).isFalse();
    assertThat(second.get("next_cursor").isNull()).isTrue();
    assertThat(ids(json(get(coracle.url("/api/jobs?status=queued,paused")))))
        .contains("job-list-queued", "job-paused-1");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "unknown status, status=stuck, status",
    "one bad status among good ones, 'status=running,nope', status",
    "limit of zero, limit=0, limit",
    "limit past the maximum, limit=101, limit",
    "limit not a number, limit=ten, limit",
    "forged cursor, cursor=abc, cursor"
  })
  void list_refuses_a_bad_query_with_400(String name, String query, String param) {
    HttpResponse<String> response = get(coracle.url("/api/jobs?" + query));

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(json(response).at("/error/param").asText()).isEqualTo(param);
  }

  @Test
  void unknown_job_is_404_with_an_error_body() {
    for (String path : List.of("/api/jobs/job-nope", "/api/jobs/job-nope/events")) {
      HttpResponse<String> response = get(coracle.url(path));

      assertThat(response.statusCode()).as(path).isEqualTo(404);
      assertThat(response.headers().firstValue("content-type"))
          .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
      assertThat(json(response).at("/error/code").asText()).isEqualTo("not_found");
    }
  }

  @Test
  void events_resume_after_the_last_event_id_and_end_after_the_terminal_event() {
    jobs.register("job-events", "Followed", T0);
    jobs.record(
        "job-events",
        "done",
        "finished",
        1,
        List.of(step(1, JobStep.DONE, "Write it")),
        List.of(
            event(1, JobEvent.CREATED),
            event(2, JobEvent.STEP_STARTED),
            event(3, JobEvent.STEP_DONE),
            event(4, JobEvent.DONE)));

    HttpResponse<String> response =
        get(coracle.url("/api/jobs/job-events/events"), "Last-Event-ID", "2");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("content-type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("text/event-stream"));
    assertThat(response.body())
        .startsWith(
            "id: 3\nevent: step-done\ndata: {\"job_id\":\"job-events\",\"seq\":3,"
                + "\"at\":\"2026-11-20T08:00:00.003Z\",\"type\":\"step-done\",\"stage\":\"step\","
                + "\"step\":1,\"message\":\"step-done #3\"}\n\n");
    assertThat(eventIds(response.body())).containsExactly("3", "4");
    assertThat(eventIds(get(coracle.url("/api/jobs/job-events/events?after=3")).body()))
        .containsExactly("4");
  }

  @Test
  void events_arrive_live_until_the_job_finishes() throws Exception {
    jobs.register("job-live", "Live", T0);
    jobs.record("job-live", "running", "step", 1, List.of(), List.of(event(1, JobEvent.CREATED)));

    CompletableFuture<HttpResponse<String>> stream =
        getAsync(coracle.url("/api/jobs/job-live/events"));
    Thread.sleep(600);
    assertThat(stream).isNotDone();
    jobs.record(
        "job-live",
        "running",
        "step",
        1,
        List.of(),
        List.of(event(2, JobEvent.STEP_STARTED), event(3, JobEvent.TOOL)));
    jobs.record("job-live", "done", "finished", 1, List.of(), List.of(event(4, JobEvent.DONE)));

    HttpResponse<String> response = stream.get(10, TimeUnit.SECONDS);
    assertThat(eventIds(response.body())).containsExactly("1", "2", "3", "4");
  }

  @Test
  void events_of_a_job_that_finished_without_a_terminal_event_still_end() {
    jobs.register("job-quiet", "Quiet", T0);
    jobs.record("job-quiet", "failed", "finished", 0, List.of(), List.of(event(1, "created")));

    HttpResponse<String> response = get(coracle.url("/api/jobs/job-quiet/events"));

    assertThat(eventIds(response.body())).containsExactly("1");
  }

  private static List<String> ids(JsonNode page) {
    List<String> ids = new ArrayList<>();
    page.get("data").forEach(job -> ids.add(job.get("id").asText()));
    return ids;
  }

  private static List<String> eventIds(String body) {
    List<String> ids = new ArrayList<>();
    for (String line : body.split("\n")) {
      if (line.startsWith("id: ")) {
        ids.add(line.substring(4));
      }
    }
    return ids;
  }
}
