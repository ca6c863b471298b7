package dev.coracle.activities.quota;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coracle.activities.config.ConfigException;
import dev.coracle.activities.store.StoreSuite;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@StoreSuite
class FreeTierCatalogTest {

  @TempDir Path dir;

  @Test
  void the_shipped_catalog_lists_the_known_free_tiers_and_local_servers() {
    FreeTierCatalog catalog = FreeTierCatalog.shipped();

    assertThat(catalog.entries())
        .containsKeys(
            "groq",
            "openrouter",
            "cerebras",
            "mistral",
            "together",
            "gemini",
            "github",
            "ollama",
            "lmstudio",
            "llamacpp",
            "vllm");
    for (FreeTier tier : catalog.entries().values()) {
      assertThat(tier.kind()).as(tier.name()).isIn("openai-compatible", "ollama");
      assertThat(tier.baseUrl()).as(tier.name()).matches("https?://.+");
      assertThat(tier.checked()).as(tier.name()).matches("\\d{4}-\\d{2}-\\d{2}");
      assertThat(tier.defaultPrice()).as(tier.name()).isNotNull();
      tier.models().values().forEach(m -> assertThat(m.price()).as(m.model()).isNotNull());
      if (tier.local()) {
        assertThat(tier.apiKeyEnv()).as(tier.name()).isNull();
        assertThat(tier.defaultLimits().unlimited()).as(tier.name()).isTrue();
        assertThat(tier.verify()).as(tier.name()).isFalse();
      } else {
        assertThat(tier.apiKeyEnv()).as(tier.name()).matches("[A-Z_]+");
        assertThat(tier.verify()).as(tier.name()).isTrue();
      }
    }
    assertThat(catalog.unverified()).contains("groq", "gemini").doesNotContain("ollama");
  }

  @Test
  void gemini_resets_at_midnight_pacific_and_the_others_at_midnight_utc() {
    FreeTierCatalog catalog = FreeTierCatalog.shipped();

    assertThat(catalog.resetZone("gemini")).isEqualTo(ZoneId.of("America/Los_Angeles"));
    assertThat(catalog.resetZone("groq")).isEqualTo(ZoneOffset.UTC);
    assertThat(catalog.resetZone("not-in-the-catalog")).isEqualTo(ZoneOffset.UTC);
  }

  @Test
  void shipped_limits_and_prices_per_model_with_defaults_for_unlisted_models() {
    FreeTierCatalog catalog = FreeTierCatalog.shipped();

    assertThat(catalog.limits("groq", "llama-3.3-70b-versatile"))
        .isEqualTo(new Limits(30, 0, 1000, 12000, 0, 100000));
    assertThat(catalog.limits("groq", "a-model-groq-adds-next-month"))
        .isEqualTo(catalog.entries().get("groq").defaultLimits());
    assertThat(catalog.limits("cerebras", "llama-3.3-70b").requestsPerHour()).isEqualTo(900);
    assertThat(catalog.price("gemini", "gemini-2.5-flash"))
        .hasValueSatisfying(p -> assertThat(p.outputPerMillion()).isEqualTo(2.50));
    assertThat(catalog.contextWindow("gemini", "gemini-2.5-pro")).contains(1048576);
    assertThat(catalog.limits("ollama", "qwen2.5:7b").unlimited()).isTrue();
    assertThat(catalog.limits("not-in-the-catalog", "m").unlimited()).isTrue();
    assertThat(catalog.price("not-in-the-catalog", "m")).isEmpty();
  }

  @Test
  void openrouter_free_models_share_one_pool() {
    FreeTierCatalog catalog = FreeTierCatalog.shipped();

    assertThat(catalog.sharesLimits("openrouter")).isTrue();
    assertThat(catalog.sharedLimits("openrouter")).isEqualTo(new Limits(20, 0, 50, 0, 0, 0));
    assertThat(catalog.limits("openrouter", "deepseek/deepseek-r1:free").unlimited()).isTrue();
    assertThat(catalog.sharesLimits("groq")).isFalse();
    assertThat(catalog.sharedLimits("groq")).isEqualTo(Limits.NONE);
  }

  @Test
  void an_unlisted_gemini_keeps_no_limits_but_resets_at_midnight_pacific() {
    FreeTierCatalog catalog =
        new FreeTierCatalog(
            TestQuota.config(
                dir,
                """
                providers:
                  - name: gem
                    kind: gemini
                    base-url: "http://127.0.0.1:9/v1beta"
                    models: ["gemini-2.5-flash"]
                  - name: mine
                    kind: openai-compatible
                    base-url: "http://127.0.0.1:9/v1"
                    models: ["m"]
                """));

    assertThat(catalog.resetZone("gem")).isEqualTo(ZoneId.of("America/Los_Angeles"));
    assertThat(catalog.limits("gem", "gemini-2.5-flash").unlimited()).isTrue();
    assertThat(catalog.resetZone("mine")).isEqualTo(ZoneOffset.UTC);
  }

  @Test
  void configured_limits_beat_the_catalog_and_zero_means_no_limit() {
    FreeTierCatalog catalog =
        new FreeTierCatalog(
            TestQuota.config(
                dir,
                """
                providers:
                  - name: groq
                    kind: openai-compatible
                    base-url: "https://api.groq.com/openai/v1"
                    models: ["llama-3.3-70b-versatile", "llama-3.1-8b-instant"]
                    limits:
                      "*": {requests-per-day: 500}
                      llama-3.3-70b-versatile: {requests-per-minute: 0, tokens-per-day: 42}
                  - name: openrouter
                    kind: openai-compatible
                    base-url: "https://openrouter.ai/api/v1"
                    models: ["deepseek/deepseek-r1:free"]
                    limits:
                      "*": {requests-per-day: 1000}
                      "deepseek/deepseek-r1:free": {requests-per-minute: 5}
                """));

    assertThat(catalog.limits("groq", "llama-3.3-70b-versatile"))
        .isEqualTo(new Limits(0, 0, 500, 12000, 0, 42));
    assertThat(catalog.limits("groq", "llama-3.1-8b-instant"))
        .isEqualTo(new Limits(30, 0, 500, 6000, 0, 500000));
    assertThat(catalog.sharedLimits("openrouter")).isEqualTo(new Limits(20, 0, 1000, 0, 0, 0));
    assertThat(catalog.limits("openrouter", "deepseek/deepseek-r1:free"))
        .isEqualTo(new Limits(5, 0, 0, 0, 0, 0));
    assertThat(catalog.configuredModels())
        .containsOnlyKeys("ollama", "groq", "openrouter")
        .containsEntry("groq", List.of("llama-3.3-70b-versatile", "llama-3.1-8b-instant"));
  }

  @Test
  void a_provider_uses_the_catalog_entry_it_names() {
    FreeTierCatalog catalog =
        new FreeTierCatalog(
            TestQuota.config(
                dir,
                """
                providers:
                  - name: google
                    kind: openai-compatible
                    base-url: "https://generativelanguage.googleapis.com/v1beta/openai"
                    models: ["gemini-2.5-flash"]
                    catalog: gemini
                  - name: lms
                    kind: openai-compatible
                    base-url: "http://127.0.0.1:1234/v1"
                    models: ["qwen2.5-7b-instruct"]
                    catalog: lmstudio
                    local: true
                """));

    assertThat(catalog.tierOf("google").name()).isEqualTo("gemini");
    assertThat(catalog.resetZone("google")).isEqualTo(ZoneId.of("America/Los_Angeles"));
    assertThat(catalog.limits("google", "gemini-2.5-flash").requestsPerDay()).isEqualTo(250);
    assertThat(catalog.tierOf("lms").local()).isTrue();
    assertThat(catalog.price("lms", "qwen2.5-7b-instruct"))
        .map(Price::name)
        .contains("local-small");
  }

  @Test
  void a_provider_with_another_name_finds_its_entry_by_base_url() {
    FreeTierCatalog catalog =
        new FreeTierCatalog(
            TestQuota.config(
                dir,
                """
                providers:
                  - name: google
                    kind: openai-compatible
                    base-url: "https://generativelanguage.googleapis.com/v1beta/openai"
                    models: ["gemini-2.5-flash"]
                  - name: my-box
                    kind: openai-compatible
                    base-url: "http://192.168.1.20:8080/v1"
                    models: ["m"]
                """));

    assertThat(catalog.tierOf("google").name()).isEqualTo("gemini");
    assertThat(catalog.tierOf("my-box").name()).isEqualTo("my-box");
    assertThat(catalog.limits("my-box", "m").unlimited()).isTrue();
  }

  @Test
  void a_catalog_name_that_does_not_exist_stops_start_up() {
    var loaded =
        TestQuota.config(
            dir,
            """
            providers:
              - name: google
                kind: openai-compatible
                base-url: "https://generativelanguage.googleapis.com/v1beta/openai"
                models: ["gemini-2.5-flash"]
                catalog: gemeni
            """);

    assertThatThrownBy(() -> new FreeTierCatalog(loaded))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith(
            "providers[google].catalog: 'gemeni' is not in the free-tier catalog; known: [groq,");
  }

  @Test
  void a_negative_configured_limit_stops_start_up() {
    var loaded =
        TestQuota.config(
            dir,
            """
            providers:
              - name: groq
                kind: openai-compatible
                base-url: "https://api.groq.com/openai/v1"
                models: ["llama-3.3-70b-versatile"]
                limits:
                  llama-3.3-70b-versatile: {requests-per-day: -1}
            """);

    assertThatThrownBy(() -> new FreeTierCatalog(loaded))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("providers[groq].limits[llama-3.3-70b-versatile]");
  }
}
