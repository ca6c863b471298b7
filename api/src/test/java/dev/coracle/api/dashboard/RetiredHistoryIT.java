package dev.coracle.api.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coracle.api.CoracleUnderTest;
import dev.coracle.api.HttpCalls;
import dev.coracle.api.JobFixtures;
import dev.coracle.fakes.FakeOllamaServer;
import dev.coracle.fakes.FakeOpenAiServer;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dashboard across recycles of the embedded Temporal server: a chat that ran on a generation
 * coracle has since closed is still listed (from the store's index), and its history page says
 * plainly that the history is no longer held and why, instead of failing.
 */
class RetiredHistoryIT {
  @TempDir static Path home;
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
            Map.of("CORACLE_TEMPORAL_RECYCLE_AFTER_WORKFLOWS", "1"));
  }

  @AfterAll
  static void stop() {
    coracle.close();
    ollama.close();
    cloud.close();
  }

  @Test
  void a_chat_on_a_closed_generation_is_listed_and_its_history_is_no_longer_held() {
    String first = chat("hello first");
    String held = HttpCalls.get(coracle.url("/dashboard/history/" + first)).body();
    assertThat(held).contains("Workflow ChatWorkflow started");

    String page = "";
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (System.nanoTime() < deadline && !page.contains("no longer held")) {
      // Each chat fills the current server, so the next check starts a fresh one and the
      // first, once drained, is closed.
      chat("hello again");
      JobFixtures.sleep(1_000);
      page = HttpCalls.get(coracle.url("/dashboard/history/" + first)).body();
    }

    assertThat(page)
        .contains("This history is no longer held", "embedded server generation 1")
        .doesNotContain("Workflow ChatWorkflow started");
    String requests = HttpCalls.get(coracle.url("/dashboard/requests")).body();
    assertThat(requests).contains("/dashboard/history/" + first);
  }

  private static String chat(String text) {
    HttpResponse<String> answer =
        HttpCalls.post(coracle.url("/v1/chat/completions"), HttpCalls.chat("coracle", text, ""));
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    return answer.headers().firstValue("x-coracle-workflow-id").orElseThrow();
  }
}
