package dev.coracle.api.metrics;

import static dev.coracle.api.HttpCalls.chat;
import static dev.coracle.api.HttpCalls.get;
import static dev.coracle.api.HttpCalls.post;
import static org.assertj.core.api.Assertions.assertThat;

import dev.coracle.api.CoracleUnderTest;
import dev.coracle.fakes.FakeOllamaServer;
import dev.coracle.fakes.FakeOpenAiServer;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real coracle with an API key, a fake cloud provider and chats over HTTP; {@code /metrics} is
 * scraped as Prometheus would (with the key as a bearer token), parsed strictly, and its counters
 * must have moved by exactly what the chats did.
 */
class MetricsIT {
  private static final String KEY = "metrics-test-key";
  private static final String[] AUTH = {"Authorization", "Bearer " + KEY};

  @TempDir static Path home;
  static FakeOpenAiServer cloud;
  static FakeOllamaServer ollama;
  static CoracleUnderTest coracle;

  @BeforeAll
  static void start() {
    ollama = new FakeOllamaServer().start();
    cloud = new FakeOpenAiServer().start();
    coracle =
        CoracleUnderTest.start(
            home,
            """
            local:
              ollama:
                base-url: "%s"
                reasoning-model: "qwen:7b"
                coder-model: "qwen:7b"
                timeout-seconds: 20
            providers:
            %s
            classifier:
              llm-vote: false
            server:
              api-key: "${METRICS_KEY}"
            metrics:
              temporal-report-seconds: 1
            """
                .formatted(
                    ollama.baseUrl(),
                    CoracleUnderTest.openAiProvider("fake", cloud.baseUrl(), "echo")),
            Map.of("METRICS_KEY", KEY));
  }

  @AfterAll
  static void stop() {
    coracle.close();
    cloud.close();
    ollama.close();
  }

  private static PrometheusText scrape() {
    HttpResponse<String> response = get(coracle.url("/metrics"), AUTH);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type").orElseThrow())
        .startsWith("text/plain; version=0.0.4");
    return PrometheusText.parse(response.body());
  }

  private static HttpResponse<String> ask(String model, String text) {
    HttpResponse<String> response =
        post(coracle.url("/v1/chat/completions"), chat(model, text, ""), AUTH);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return response;
  }

  @Test
  void counters_move_by_what_the_chats_did() {
    PrometheusText before = scrape();
    int cloudBefore = cloudCalls();
    int localBefore = localCalls();

    ask("coracle", "what's the status of my jobs?");
    ask("fake/echo", "say hello back");
    ask("coracle", "How do I reverse a list in Python?");
    HttpResponse<String> again = ask("coracle", "How do I reverse a list in Python?");
    assertThat(again.headers().firstValue("x-coracle-cache")).contains("hit");

    PrometheusText after = scrape();
    int cloudCalls = cloudCalls() - cloudBefore;
    int localCalls = localCalls() - localBefore;
    assertThat(cloudCalls + localCalls).isEqualTo(2);

    String requests = "coracle_requests_seconds_count";
    assertThat(delta(before, after, requests, "door", "chat_completions", "status", "200"))
        .isEqualTo(4);
    assertThat(delta(before, after, requests, "door", "chat_completions", "class", "status"))
        .isEqualTo(1);
    assertThat(
            after.has("coracle_requests_seconds_bucket", "door", "chat_completions", "le", "+Inf"))
        .isTrue();
    assertThat(after.type("coracle_requests_seconds")).isEqualTo("histogram");

    String calls = "coracle_model_calls_total";
    assertThat(delta(before, after, calls, "provider", "fake", "model", "echo", "outcome", "ok"))
        .isEqualTo(cloudCalls);
    assertThat(delta(before, after, calls, "provider", "ollama", "outcome", "ok"))
        .isEqualTo(localCalls);
    assertThat(delta(before, after, calls)).isEqualTo(2);
    assertThat(
            delta(
                before, after, "coracle_model_tokens_total", "provider", "fake", "kind", "prompt"))
        .isPositive();
    assertThat(
            delta(
                before,
                after,
                "coracle_model_tokens_total",
                "provider",
                "fake",
                "kind",
                "completion"))
        .isPositive();
    assertThat(delta(before, after, "coracle_model_latency_seconds_count")).isEqualTo(2);
    // Every local call waited for the slot (if only for the swap to its model), no cloud call did.
    assertThat(delta(before, after, "coracle_llm_slot_wait_seconds_count")).isEqualTo(localCalls);

    String cache = "coracle_cache_lookups_total";
    assertThat(delta(before, after, cache, "result", "hit", "match", "exact")).isEqualTo(1);
    // A status question is answered before the cache; the pass-through and the first question miss.
    assertThat(delta(before, after, cache, "result", "miss")).isEqualTo(2);

    // The pass-through names its model and is not classified; the three "coracle" chats are.
    assertThat(delta(before, after, "coracle_classifier_seconds_count")).isEqualTo(3);

    assertThat(after.has("coracle_provider_cooldown_seconds", "provider", "fake")).isTrue();
    assertThat(after.sum("coracle_provider_cooldown_seconds", "provider", "fake")).isZero();
    assertThat(after.has("coracle_quota_requests_used", "provider", "ollama", "window", "day"))
        .isTrue();
  }

  @Test
  void the_slot_queue_counts_local_calls_waiting_their_turn() throws InterruptedException {
    PrometheusText before = scrape();
    ollama.setGenerationDelay(Duration.ofMillis(1500));
    try {
      List<CompletableFuture<HttpResponse<String>>> calls =
          IntStream.range(0, 3)
              .mapToObj(
                  i ->
                      CompletableFuture.supplyAsync(
                          () ->
                              post(
                                  coracle.url("/v1/chat/completions"),
                                  chat("coracle-fast", "queued question " + i, ""),
                                  AUTH)))
              .toList();
      double deepest = 0;
      while (!calls.stream().allMatch(CompletableFuture::isDone)) {
        deepest = Math.max(deepest, scrape().sum("coracle_llm_slot_queue"));
        Thread.sleep(100);
      }
      assertThat(calls).allSatisfy(call -> assertThat(call.join().statusCode()).isEqualTo(200));
      assertThat(deepest).as("local calls seen waiting for the slot").isGreaterThanOrEqualTo(1);
    } finally {
      ollama.setGenerationDelay(Duration.ZERO);
    }
    PrometheusText after = scrape();
    assertThat(after.sum("coracle_llm_slot_queue")).isZero();
    assertThat(delta(before, after, "coracle_llm_slot_wait_seconds_count")).isEqualTo(3);
    // Two of the three waited behind a call of 1.5 s at least.
    assertThat(delta(before, after, "coracle_llm_slot_wait_seconds_bucket", "le", "1.0"))
        .isLessThanOrEqualTo(1);
  }

  private static int cloudCalls() {
    return cloud.requests("/v1/chat/completions").size();
  }

  private static int localCalls() {
    return ollama.requests("/api/chat").size();
  }

  @Test
  void temporal_sdk_meters_and_workflow_counts_are_reported() throws InterruptedException {
    PrometheusText before = quietScrape();
    ask("coracle", "what's the status of my jobs right now?");
    // The Temporal SDK's scope reports every second here (metrics.temporal-report-seconds).
    PrometheusText after = before;
    for (int i = 0; i < 100; i++) {
      after = scrape();
      if (delta(before, after, "coracle_workflows_finished_total", "workflow_type", "ChatWorkflow")
          >= 1) {
        break;
      }
      Thread.sleep(100);
    }
    assertThat(
            delta(
                before,
                after,
                "coracle_workflows_finished_total",
                "workflow_type",
                "ChatWorkflow",
                "outcome",
                "completed"))
        .as(after.names().toString())
        .isEqualTo(1);
    assertThat(
            delta(
                before, after, "coracle_workflows_started_total", "workflow_type", "ChatWorkflow"))
        .isEqualTo(1);
    assertThat(after.names()).anyMatch(name -> name.startsWith("temporal_request"));
    assertThat(after.names()).anyMatch(name -> name.startsWith("temporal_workflow_task"));
  }

  @Test
  void openmetrics_is_served_when_asked_for() {
    HttpResponse<String> response =
        get(coracle.url("/metrics"), AUTH[0], AUTH[1], "Accept", "application/openmetrics-text");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type").orElseThrow())
        .startsWith("application/openmetrics-text; version=1.0.0");
    assertThat(response.body()).endsWith("# EOF\n");
  }

  @Test
  void metrics_need_the_key_and_refuse_other_origins() {
    HttpResponse<String> noKey = get(coracle.url("/metrics"));
    HttpResponse<String> wrongKey = get(coracle.url("/metrics"), "Authorization", "Bearer nope");
    HttpResponse<String> page =
        get(coracle.url("/metrics"), AUTH[0], AUTH[1], "Origin", "https://evil.example");

    assertThat(noKey.statusCode()).isEqualTo(401);
    assertThat(noKey.body()).contains("missing_api_key").doesNotContain("coracle_");
    assertThat(wrongKey.statusCode()).isEqualTo(401);
    assertThat(page.statusCode()).isEqualTo(403);
    assertThat(page.body()).contains("origin_not_allowed").doesNotContain("coracle_");
  }

  /**
   * A scrape once the workflow counts of earlier tests have all been reported: two scrapes a report
   * interval apart agree on them (tried for at most half a minute; the deltas then tell).
   */
  private static PrometheusText quietScrape() throws InterruptedException {
    PrometheusText last = scrape();
    for (int i = 0; i < 30; i++) {
      Thread.sleep(1_200);
      PrometheusText now = scrape();
      if (now.sum("coracle_workflows_started_total") == last.sum("coracle_workflows_started_total")
          && now.sum("coracle_workflows_finished_total")
              == last.sum("coracle_workflows_finished_total")) {
        return now;
      }
      last = now;
    }
    return last;
  }

  private static double delta(
      PrometheusText before, PrometheusText after, String name, String... labels) {
    return after.sum(name, labels) - before.sum(name, labels);
  }
}
