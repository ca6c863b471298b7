package dev.coracle.activities.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coracle.activities.config.ConfigLoader;
import dev.coracle.activities.model.ProviderCatalog;
import dev.coracle.workflows.job.JobEvent;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CoracleMetricsTest {
  @TempDir Path home;
  PrometheusMeterRegistry registry;
  CoracleMetrics metrics;

  @BeforeEach
  void setUp() throws IOException {
    Files.writeString(
        home.resolve("coracle.yml"),
        """
        local:
          ollama:
            enabled: false
        providers:
          - name: fake
            kind: openai-compatible
            base-url: "http://127.0.0.1:9/v1"
            api-key: "${FAKE_KEY:test-key}"
            models: [echo]
        """);
    ProviderCatalog catalog = new ProviderCatalog(ConfigLoader.load(home, Map.of()));
    registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    metrics = new CoracleMetrics(Optional.of(registry), catalog);
  }

  @Test
  void model_calls_count_tokens_and_latency_of_configured_models() {
    metrics.modelCall("fake", "echo", "ok", 1500, 12, 30);
    metrics.modelCall("fake", "echo", "UPSTREAM_UNAVAILABLE", 0, 0, 0);

    String text = registry.scrape();
    assertThat(text)
        .contains("coracle_model_calls_total{model=\"echo\",outcome=\"ok\",provider=\"fake\"} 1.0")
        .contains(
            "coracle_model_calls_total{model=\"echo\",outcome=\"UPSTREAM_UNAVAILABLE\","
                + "provider=\"fake\"} 1.0")
        .contains(
            "coracle_model_tokens_total{kind=\"prompt\",model=\"echo\",provider=\"fake\"} 12.0")
        .contains(
            "coracle_model_tokens_total{kind=\"completion\",model=\"echo\",provider=\"fake\"} 30.0")
        .contains("coracle_model_latency_seconds_count{model=\"echo\",provider=\"fake\"} 1")
        .contains("coracle_model_latency_seconds_sum{model=\"echo\",provider=\"fake\"} 1.5")
        .contains(
            "coracle_model_latency_seconds_bucket{model=\"echo\",provider=\"fake\",le=\"2.5\"} 1");
  }

  @Test
  void repeated_calls_add_to_the_same_series() {
    for (int i = 0; i < 3; i++) {
      metrics.modelCall("fake", "echo", "ok", 100, 10, 5);
      metrics.cacheLookup(CacheResult.EXACT_HIT);
      metrics.request("chat_completions", "fast", 200, 1_000_000);
    }
    metrics.modelCall("fake", "echo", "UPSTREAM_UNAVAILABLE", 0, 0, 0);

    assertThat(registry.scrape())
        .contains("coracle_model_calls_total{model=\"echo\",outcome=\"ok\",provider=\"fake\"} 3.0")
        .contains(
            "coracle_model_calls_total{model=\"echo\",outcome=\"UPSTREAM_UNAVAILABLE\","
                + "provider=\"fake\"} 1.0")
        .contains(
            "coracle_model_tokens_total{kind=\"prompt\",model=\"echo\",provider=\"fake\"} 30.0")
        .contains("coracle_model_latency_seconds_count{model=\"echo\",provider=\"fake\"} 3")
        .contains("coracle_cache_lookups_total{match=\"exact\",result=\"hit\"} 3.0")
        .contains(
            "coracle_requests_seconds_count{class=\"fast\",door=\"chat_completions\","
                + "status=\"200\"} 3");
  }

  @Test
  void names_outside_the_configuration_become_other_so_series_stay_bounded() {
    for (int i = 0; i < 50; i++) {
      metrics.modelCall("fake", "client-invented-model-" + i, "ok", 10, 1, 1);
      metrics.modelCall("provider-" + i, "echo", "ok", 10, 1, 1);
    }

    assertThat(registry.find("coracle.model.calls").counters()).hasSize(2);
    assertThat(
            registry
                .get("coracle.model.calls")
                .tags("provider", "fake", "model", "other")
                .counter()
                .count())
        .isEqualTo(50);
    assertThat(
            registry
                .get("coracle.model.calls")
                .tags("provider", "other", "model", "other")
                .counter()
                .count())
        .isEqualTo(50);
    assertThat(registry.scrape()).doesNotContain("client-invented").doesNotContain("provider-1");
  }

  @Test
  void job_events_count_finished_steps_and_jobs_only() {
    metrics.jobEvents(
        List.of(
            event(JobEvent.STEP_STARTED),
            event(JobEvent.TOOL),
            event(JobEvent.STEP_DONE),
            event(JobEvent.STEP_FAILED),
            event(JobEvent.STEP_DONE),
            event(JobEvent.DONE)));

    assertThat(registry.get("coracle.job.steps").tags("outcome", "done").counter().count())
        .isEqualTo(2);
    assertThat(registry.get("coracle.job.steps").tags("outcome", "failed").counter().count())
        .isEqualTo(1);
    assertThat(registry.get("coracle.jobs.finished").tags("outcome", "done").counter().count())
        .isEqualTo(1);
    assertThat(registry.find("coracle.job.steps").counters()).hasSize(2);
  }

  @Test
  void cache_lookups_are_split_by_result_and_match() {
    metrics.cacheLookup(CacheResult.hit(1.0));
    metrics.cacheLookup(CacheResult.hit(0.93));
    metrics.cacheLookup(CacheResult.MISS);
    metrics.cacheLookup(CacheResult.SKIPPED);
    metrics.cacheLookup(CacheResult.SKIPPED);

    assertThat(registry.scrape())
        .contains("coracle_cache_lookups_total{match=\"exact\",result=\"hit\"} 1.0")
        .contains("coracle_cache_lookups_total{match=\"semantic\",result=\"hit\"} 1.0")
        .contains("coracle_cache_lookups_total{match=\"none\",result=\"miss\"} 1.0")
        .contains("coracle_cache_lookups_total{match=\"none\",result=\"skipped\"} 2.0");
  }

  @Test
  void requests_tools_classifier_and_slot_waits_are_histograms_with_their_own_buckets() {
    metrics.request("chat_completions", "status", 200, Duration.ofMillis(3).toNanos());
    metrics.toolCall("read_file", false, 4);
    metrics.toolCall(CoracleMetrics.OTHER, true, 1);
    metrics.classified("embedding", Duration.ofMillis(2).toNanos());
    metrics.slotWaited(Duration.ofSeconds(7));
    metrics.slotWaited(Duration.ofMillis(-5));

    assertThat(registry.scrape())
        .contains(
            "coracle_requests_seconds_bucket{class=\"status\",door=\"chat_completions\","
                + "status=\"200\",le=\"0.005\"} 1")
        .contains("coracle_tool_calls_seconds_count{outcome=\"ok\",tool=\"read_file\"} 1")
        .contains("coracle_tool_calls_seconds_count{outcome=\"error\",tool=\"other\"} 1")
        .contains("coracle_classifier_seconds_bucket{tier=\"embedding\",le=\"0.0025\"} 1")
        .contains("coracle_llm_slot_wait_seconds_bucket{le=\"0.01\"} 1")
        .contains("coracle_llm_slot_wait_seconds_bucket{le=\"10.0\"} 2")
        .contains("coracle_llm_slot_wait_seconds_sum 7.0");
  }

  @Test
  void without_a_registry_nothing_is_measured() {
    CoracleMetrics off =
        new CoracleMetrics(
            Optional.empty(), new ProviderCatalog(ConfigLoader.load(home, Map.of())));

    off.modelCall("fake", "echo", "ok", 10, 1, 1);
    off.request("chat_completions", "fast", 200, 1);

    assertThat(off.prometheus()).isEmpty();
    assertThat(off.registry()).isEmpty();
  }

  private static JobEvent event(String type) {
    return new JobEvent(0, 0, type, "run", 1, "");
  }
}
