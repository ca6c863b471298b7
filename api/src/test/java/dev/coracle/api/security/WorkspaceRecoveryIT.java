package dev.coracle.api.security;

import static dev.coracle.api.HttpCalls.json;
import static dev.coracle.api.HttpCalls.post;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.coracle.activities.job.JobQueries;
import dev.coracle.api.CoracleUnderTest;
import dev.coracle.api.JobFixtures;
import dev.coracle.fakes.FakeOllamaServer;
import dev.coracle.fakes.FakeOpenAiServer;
import dev.coracle.workflows.job.JobEvent;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Recovery checks each workspace again: a job whose root was removed from the config while coracle
 * was stopped fails with the reason instead of resuming, and lets its workspace go; a job whose
 * workspace is still allowed resumes as before.
 */
class WorkspaceRecoveryIT {
  @TempDir Path temp;

  private final FakeOllamaServer ollama = new FakeOllamaServer().start();
  private final FakeOpenAiServer cloud = new FakeOpenAiServer().start();

  @AfterEach
  void stop() {
    ollama.close();
    cloud.close();
  }

  @Test
  void a_job_whose_root_was_removed_fails_with_the_reason_and_an_allowed_one_resumes()
      throws Exception {
    Path home = Files.createDirectories(temp.resolve("coracle"));
    Path removedRoot = Files.createDirectories(temp.resolve("old-root"));
    Path keptRoot = Files.createDirectories(temp.resolve("kept-root"));
    Path dropped = Files.createDirectories(removedRoot.resolve("app"));
    Path kept = Files.createDirectories(keptRoot.resolve("site"));
    String yaml = JobFixtures.config(ollama, cloud);
    ollama.setGenerationDelay(Duration.ofMillis(300));

    String droppedId;
    String keptId;
    try (CoracleUnderTest first = start(home, yaml, removedRoot + "," + keptRoot)) {
      droppedId = submitAndPause(first, dropped, "Create a.txt and b.txt");
      keptId = submitAndPause(first, kept, "Create c.txt and d.txt");
    }
    long droppedCallsBeforeRestart = modelCallsAbout("a.txt");

    ollama.setGenerationDelay(Duration.ZERO);
    try (CoracleUnderTest second = start(home, yaml, keptRoot.toString())) {
      JsonNode failed = JobFixtures.job(second.baseUrl(), droppedId);
      assertThat(failed.path("status").asText()).isEqualTo("failed");
      assertThat(failed.path("error").asText())
          .contains(
              "'" + dropped.toRealPath() + "'",
              "not inside a workspace root",
              "jobs.workspace-roots");
      List<JsonNode> events = JobFixtures.events(second.baseUrl(), droppedId);
      JsonNode last = events.get(events.size() - 1);
      assertThat(last.path("type").asText()).isEqualTo("failed");
      assertThat(events).noneMatch(event -> "recovered".equals(event.path("type").asText()));

      awaitRecovered(second, keptId);
      assertThat(modelCallsAbout("a.txt")).isEqualTo(droppedCallsBeforeRestart);
      assertThat(dropped.resolve("b.txt")).doesNotExist();

      assertThat(post(second.url("/api/jobs/" + keptId + "/resume"), "").statusCode())
          .isEqualTo(202);
      JobFixtures.awaitJob(
          second.baseUrl(), keptId, Duration.ofSeconds(90), JobFixtures.status("done"));
      assertThat(kept.resolve("d.txt")).exists();
    }
  }

  /** Model calls, local and cloud, whose prompt names {@code file}: one job's calls. */
  private long modelCallsAbout(String file) {
    return Stream.concat(
            ollama.requests("/api/chat").stream(), cloud.requests("/v1/chat/completions").stream())
        .filter(request -> request.body().toString().contains(file))
        .count();
  }

  /** The events stream of a paused job stays open, so the store is read directly. */
  private static void awaitRecovered(CoracleUnderTest coracle, String id) {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (System.nanoTime() < deadline) {
      boolean recovered =
          coracle.bean(JobQueries.class).eventsAfter(id, 0, 1000).stream()
              .anyMatch(event -> JobEvent.RECOVERED.equals(event.type()));
      if (recovered) {
        return;
      }
      JobFixtures.sleep(100);
    }
    throw new AssertionError("job " + id + " was not recovered");
  }

  private static CoracleUnderTest start(Path home, String yaml, String roots) {
    return CoracleUnderTest.start(home, yaml, Map.of("CORACLE_JOBS_WORKSPACE_ROOTS", roots));
  }

  private static String submitAndPause(CoracleUnderTest coracle, Path workspace, String request) {
    HttpResponse<String> created =
        post(coracle.url("/api/jobs"), JobFixtures.jobBody(request, workspace.toString()));
    assertThat(created.statusCode()).as(created.body()).isEqualTo(202);
    String id = json(created).path("id").asText();
    assertThat(post(coracle.url("/api/jobs/" + id + "/pause"), "").statusCode()).isEqualTo(202);
    JobFixtures.awaitJob(
        coracle.baseUrl(), id, Duration.ofSeconds(60), JobFixtures.status("paused"));
    return id;
  }
}
