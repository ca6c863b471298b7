package dev.coracle.api.metrics;

import static dev.coracle.api.HttpCalls.get;
import static dev.coracle.api.HttpCalls.json;
import static dev.coracle.api.HttpCalls.post;
import static org.assertj.core.api.Assertions.assertThat;

import dev.coracle.api.CoracleUnderTest;
import dev.coracle.api.JobFixtures;
import dev.coracle.fakes.FakeOllamaServer;
import dev.coracle.fakes.FakeOpenAiServer;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real coding job (planned by a fake cloud model, run by the scripted fake coder with real tools
 * on real files) moves the job, step and tool-call counters of {@code /metrics} by exactly what it
 * did.
 */
class JobMetricsIT {
  @TempDir static Path home;
  @TempDir static Path workspace;
  static FakeOllamaServer ollama;
  static FakeOpenAiServer cloud;
  static CoracleUnderTest coracle;

  @BeforeAll
  static void start() {
    ollama = new FakeOllamaServer().start();
    cloud = new FakeOpenAiServer().start();
    coracle = CoracleUnderTest.start(home, JobFixtures.config(ollama, cloud));
  }

  @AfterAll
  static void stop() {
    coracle.close();
    ollama.close();
    cloud.close();
  }

  @Test
  void a_job_counts_its_steps_tool_calls_and_its_end() throws Exception {
    Files.writeString(workspace.resolve("in.txt"), "original text\n");
    PrometheusText before = scrape();

    HttpResponse<String> created =
        post(
            coracle.url("/api/jobs"),
            JobFixtures.jobBody(
                """
                Follow the script.
                tool-call: read_file {"path": "in.txt"}
                tool-call: write_file {"path": "out/copy.txt", "content": "copied\\n"}
                tool-call: invented_tool {"x": 1}
                """,
                workspace.toString()));
    assertThat(created.statusCode()).as(created.body()).isEqualTo(202);
    String id = json(created).path("id").asText();
    JobFixtures.awaitJob(coracle.baseUrl(), id, Duration.ofSeconds(90), JobFixtures.status("done"));

    PrometheusText after = scrape();
    assertThat(Files.readString(workspace.resolve("out/copy.txt"))).isEqualTo("copied\n");
    String tools = "coracle_tool_calls_seconds_count";
    assertThat(delta(before, after, tools, "tool", "read_file", "outcome", "ok")).isEqualTo(1);
    assertThat(delta(before, after, tools, "tool", "write_file", "outcome", "ok")).isEqualTo(1);
    // A tool the model made up is an error for the model, and its name is not a label.
    assertThat(delta(before, after, tools, "tool", "other", "outcome", "error")).isEqualTo(1);
    assertThat(after.has(tools, "tool", "invented_tool")).isFalse();
    assertThat(delta(before, after, "coracle_job_steps_total", "outcome", "done")).isEqualTo(1);
    assertThat(delta(before, after, "coracle_job_steps_total", "outcome", "failed")).isZero();
    assertThat(delta(before, after, "coracle_jobs_finished_total", "outcome", "done")).isEqualTo(1);
    assertThat(
            delta(before, after, "coracle_model_calls_total", "provider", "cloud", "model", "job"))
        .isEqualTo(cloud.requests("/v1/chat/completions").size());
  }

  private static PrometheusText scrape() {
    HttpResponse<String> response = get(coracle.url("/metrics"));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return PrometheusText.parse(response.body());
  }

  private static double delta(
      PrometheusText before, PrometheusText after, String name, String... labels) {
    return after.sum(name, labels) - before.sum(name, labels);
  }
}
