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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The promise of a durable job, tested the hard way: {@code kill -9} of {@code coracle serve} in
 * the middle of step 2 of a 4-step plan, then a restart on the same home. The job must finish, step
 * 1 must not run again (the fake upstream's request log shows it), and no file or event may be
 * lost.
 */
class JobRecoveryIT {
  @TempDir Path temp;

  private final FakeOllamaServer ollama = new FakeOllamaServer().start();
  private final FakeOpenAiServer cloud = new FakeOpenAiServer().start();
  private final List<CoracleProcess> processes = new ArrayList<>();

  @BeforeEach
  void fastUpstreams() {
    ollama.setGenerationDelay(Duration.ZERO);
  }

  @AfterEach
  void stop() {
    processes.forEach(CoracleProcess::close);
    ollama.close();
    cloud.close();
  }

  @Test
  void kill_9_during_step_2_then_restart_finishes_the_job_without_rerunning_step_1()
      throws Exception {
    Path home = Files.createDirectories(temp.resolve("home"));
    Path workspace = Files.createDirectories(temp.resolve("workspace"));
    Path logs = Files.createDirectories(temp.resolve("logs"));
    Files.writeString(home.resolve("coracle.yml"), JobFixtures.config(ollama, cloud));

    CoracleProcess first = launch(home, logs);
    HttpResponse<String> created =
        post(
            first.baseUrl() + "/api/jobs",
            JobFixtures.jobBody("Create a.txt, b.txt, c.txt and d.txt", workspace.toString()));
    assertThat(created.statusCode()).as(created.body()).isEqualTo(202);
    String id = json(created).path("id").asText();

    JobFixtures.awaitJob(first.baseUrl(), id, Duration.ofSeconds(60), JobFixtures.stepDone(1));
    // Step 2's coder call now hangs in the fake until coracle is gone.
    ollama.setGenerationDelay(Duration.ofSeconds(30));
    awaitCoderRequestForStep(2);
    int step1Requests = JobFixtures.coderRequestsForStep(ollama, 1).size();
    assertThat(step1Requests).isPositive();

    first.process.destroyForcibly(); // SIGKILL: no shutdown hook, no drain.
    first.awaitExit(Duration.ofSeconds(20));
    ollama.setGenerationDelay(Duration.ZERO);

    CoracleProcess second = launch(home, logs);
    JsonNode done =
        JobFixtures.awaitJob(
            second.baseUrl(), id, Duration.ofSeconds(90), JobFixtures.status("done"));

    assertThat(JobFixtures.coderRequestsForStep(ollama, 1)).hasSize(step1Requests);
    assertThat(done.path("steps")).hasSize(4);
    done.path("steps")
        .forEach(
            step -> assertThat(step.path("status").asText()).as(step.toString()).isEqualTo("done"));
    for (String file : List.of("a.txt", "b.txt", "c.txt", "d.txt")) {
      assertThat(workspace.resolve(file)).exists();
    }
    assertThat(Files.readString(workspace.resolve("a.txt")))
        .isEqualTo("written by coracle step 1\n");

    List<JsonNode> events = JobFixtures.events(second.baseUrl(), id);
    for (int i = 0; i < events.size(); i++) {
      assertThat(events.get(i).path("seq").asLong()).as("event %d", i).isEqualTo(i + 1);
    }
    List<String> types = events.stream().map(e -> e.path("type").asText()).toList();
    assertThat(types).contains("recovered");
    assertThat(types.stream().filter("step-done"::equals)).hasSize(4);
    assertThat(types.get(types.size() - 1)).isEqualTo("done");
  }

  private CoracleProcess launch(Path home, Path logs) {
    CoracleProcess process =
        CoracleProcess.launch(home, logs, Map.of("CORACLE_JOBS_FROM_CHAT", "true"));
    processes.add(process);
    process.awaitReady(Duration.ofSeconds(60));
    return process;
  }

  private void awaitCoderRequestForStep(int step) {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline) {
      if (!JobFixtures.coderRequestsForStep(ollama, step).isEmpty()) {
        return;
      }
      JobFixtures.sleep(50);
    }
    throw new AssertionError("step " + step + " never reached the coder");
  }
}
