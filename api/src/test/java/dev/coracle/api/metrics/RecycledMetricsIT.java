package dev.coracle.api.metrics;

import static dev.coracle.api.HttpCalls.chat;
import static dev.coracle.api.HttpCalls.get;
import static dev.coracle.api.HttpCalls.post;
import static org.assertj.core.api.Assertions.assertThat;

import dev.coracle.api.CoracleUnderTest;
import dev.coracle.fakes.FakeOpenAiServer;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded Temporal server is replaced after every workflow here; the Temporal SDK's meters and
 * the workflow counts must go on across the replacements, counting every chat once.
 */
class RecycledMetricsIT {
  private static final int CHATS = 4;

  @TempDir static Path home;
  static FakeOpenAiServer cloud;
  static CoracleUnderTest coracle;

  @BeforeAll
  static void start() {
    cloud = new FakeOpenAiServer().start();
    coracle =
        CoracleUnderTest.start(
            home,
            CoracleUnderTest.cloudOnly(
                "providers:\n" + CoracleUnderTest.openAiProvider("fake", cloud.baseUrl(), "echo")),
            Map.of(
                "CORACLE_TEMPORAL_RECYCLE_AFTER_WORKFLOWS", "1",
                "CORACLE_METRICS_TEMPORAL_REPORT_SECONDS", "1"));
  }

  @AfterAll
  static void stop() {
    coracle.close();
    cloud.close();
  }

  @Test
  void counts_go_on_across_server_generations() throws InterruptedException {
    for (int i = 0; i < CHATS; i++) {
      HttpResponse<String> response =
          post(coracle.url("/v1/chat/completions"), chat("coracle", "status of my jobs?", ""));
      assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
      // Each chat fills its server, which the recycler then replaces: wait for the fresh one.
      int generation = coracle.server().temporal().generation();
      for (int wait = 0;
          wait < 100 && coracle.server().temporal().generation() == generation;
          wait++) {
        Thread.sleep(100);
      }
    }
    assertThat(coracle.server().temporal().recycles()).isGreaterThanOrEqualTo(CHATS - 1);

    String finished = "coracle_workflows_finished_total";
    PrometheusText scraped = scrape();
    for (int i = 0;
        i < 100 && scraped.sum(finished, "workflow_type", "ChatWorkflow") < CHATS;
        i++) {
      Thread.sleep(100);
      scraped = scrape();
    }
    assertThat(scraped.sum(finished, "workflow_type", "ChatWorkflow", "outcome", "completed"))
        .isEqualTo(CHATS);
    assertThat(scraped.sum("coracle_workflows_started_total", "workflow_type", "ChatWorkflow"))
        .isEqualTo(CHATS);
    assertThat(scraped.sum("temporal_workflow_completed_total", "workflow_type", "ChatWorkflow"))
        .isEqualTo(CHATS);
  }

  private static PrometheusText scrape() {
    HttpResponse<String> response = get(coracle.url("/metrics"));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return PrometheusText.parse(response.body());
  }
}
