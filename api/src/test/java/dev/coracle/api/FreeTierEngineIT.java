package dev.coracle.api;

import static dev.coracle.api.HttpCalls.chat;
import static dev.coracle.api.HttpCalls.json;
import static dev.coracle.api.HttpCalls.post;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.coracle.activities.browser.FakeChatSite;
import dev.coracle.activities.config.CoracleConfig.BrowserSite;
import dev.coracle.fakes.FakeGeminiServer;
import dev.coracle.fakes.FakeOllamaServer;
import dev.coracle.fakes.FakeOpenAiServer;
import dev.coracle.fakes.RecordedRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The free-tier engine end to end: quotas, cooldowns, fallback, the browser, the LLM slot. */
class FreeTierEngineIT {
  @TempDir Path home;

  private static String provider(String name, String kind, String baseUrl, String... models) {
    return """
          - name: %s
            kind: %s
            base-url: "%s"
            api-key: "${FAKE_KEY:test-key}"
            timeout-seconds: 10
            models: [%s]
        """
        .formatted(name, kind, baseUrl, String.join(", ", models));
  }

  private static JsonNode quotaOf(CoracleUnderTest coracle, String id) {
    JsonNode providers = json(HttpCalls.get(coracle.baseUrl() + "/api/providers"));
    for (JsonNode entry : providers.path("data")) {
      if (entry.path("id").asText().equals(id)) {
        return entry.path("quota");
      }
    }
    throw new AssertionError(id + " not in /api/providers: " + providers);
  }

  private static long requestsFor(FakeOpenAiServer server, String model) {
    return server.requests("/v1/chat/completions").stream()
        .map(RecordedRequest::model)
        .filter(model::equals)
        .count();
  }

  @Test
  void rate_limited_and_failing_providers_are_passed_over_and_cooldowns_survive_a_restart() {
    try (FakeOpenAiServer cloud = new FakeOpenAiServer().start()) {
      String yaml =
          CoracleUnderTest.cloudOnly(
              "providers:\n"
                  + provider("first", "openai-compatible", cloud.baseUrl(), "rate-limited-day")
                  + provider("second", "openai-compatible", cloud.baseUrl(), "fail-500")
                  + provider("third", "openai-compatible", cloud.baseUrl(), "echo"));
      String url;
      try (CoracleUnderTest coracle = CoracleUnderTest.start(home, yaml)) {
        url = coracle.baseUrl() + "/v1/chat/completions";
        HttpResponse<String> answered = post(url, chat("coracle", "first question", ""));

        assertThat(answered.statusCode()).as(answered.body()).isEqualTo(200);
        assertThat(answered.headers().firstValue("x-coracle-provider")).contains("third");
        assertThat(requestsFor(cloud, "rate-limited-day")).isEqualTo(1);
        assertThat(requestsFor(cloud, "fail-500")).as("a 500 is retried").isEqualTo(2);

        HttpResponse<String> again = post(url, chat("coracle", "second question", ""));
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(requestsFor(cloud, "rate-limited-day"))
            .as("the rate-limited provider is skipped until its reset")
            .isEqualTo(1);
        JsonNode first = quotaOf(coracle, "first/rate-limited-day");
        assertThat(Instant.parse(first.path("cooldown_until").asText())).isAfter(Instant.now());
        assertThat(quotaOf(coracle, "third/echo").path("calls_today").asLong()).isEqualTo(2);
        String status =
            json(post(url, chat("coracle", "what's the status of my jobs?", "")))
                .at("/choices/0/message/content")
                .asText();
        assertThat(status).contains("first/rate-limited-day: resting until");
      }

      try (CoracleUnderTest restarted = CoracleUnderTest.start(home, yaml)) {
        JsonNode first = quotaOf(restarted, "first/rate-limited-day");
        assertThat(Instant.parse(first.path("cooldown_until").asText()))
            .as("the cooldown is still known after a restart")
            .isAfter(Instant.now());
        assertThat(quotaOf(restarted, "third/echo").path("calls_today").asLong()).isEqualTo(2);
        HttpResponse<String> afterRestart =
            post(
                restarted.baseUrl() + "/v1/chat/completions",
                chat("coracle", "third question", ""));
        assertThat(afterRestart.headers().firstValue("x-coracle-provider")).contains("third");
        assertThat(requestsFor(cloud, "rate-limited-day")).isEqualTo(1);
      }
    }
  }

  @Test
  void gemini_per_day_and_per_minute_quota_errors_are_told_apart() {
    try (FakeGeminiServer gemini = new FakeGeminiServer().start();
        CoracleUnderTest coracle =
            CoracleUnderTest.start(
                home,
                CoracleUnderTest.cloudOnly(
                    "providers:\n"
                        + provider(
                            "gem",
                            "gemini",
                            gemini.baseUrl(),
                            "rate-limited",
                            "rate-limited-day")))) {
      String url = coracle.baseUrl() + "/v1/chat/completions";
      post(url, chat("gem/rate-limited", "minute", ""));
      post(url, chat("gem/rate-limited-day", "day", ""));

      Instant now = Instant.now();
      Instant minuteCooldown =
          Instant.parse(quotaOf(coracle, "gem/rate-limited").path("cooldown_until").asText());
      Instant dayCooldown =
          Instant.parse(quotaOf(coracle, "gem/rate-limited-day").path("cooldown_until").asText());
      assertThat(Duration.between(now, minuteCooldown))
          .isBetween(Duration.ZERO, Duration.ofMinutes(2));
      Instant pacificMidnight =
          ZonedDateTime.now(ZoneId.of("America/Los_Angeles"))
              .toLocalDate()
              .plusDays(1)
              .atStartOfDay(ZoneId.of("America/Los_Angeles"))
              .toInstant();
      assertThat(dayCooldown)
          .as("a per-day quota waits for Gemini's reset at midnight Pacific, or the retry delay")
          .isAfter(minuteCooldown);
      assertThat(dayCooldown).isBeforeOrEqualTo(pacificMidnight.plusSeconds(60));
    }
  }

  @Test
  void with_every_api_exhausted_the_answer_comes_from_the_chat_page_through_chromium() {
    try (FakeOpenAiServer cloud = new FakeOpenAiServer().start();
        FakeChatSite site = new FakeChatSite()) {
      BrowserSite page = site.site("echo");
      String yaml =
          CoracleUnderTest.cloudOnly(
              "providers:\n"
                  + provider("groq", "openai-compatible", cloud.baseUrl(), "rate-limited")
                  + provider("cerebras", "openai-compatible", cloud.baseUrl(), "rate-limited-day")
                  + """
                  browser:
                    enabled: true
                    timeout-seconds: 60
                    sites:
                      - name: "fakechat"
                        enabled: true
                        url: "%s"
                        input: "%s"
                        send: "%s"
                        response: "%s"
                        done: "%s"
                        rate-limit: "%s"
                        signed-out: "%s"
                  """
                      .formatted(
                          page.url(),
                          page.input(),
                          page.send(),
                          page.response(),
                          page.done(),
                          page.rateLimit(),
                          page.signedOut()));
      try (CoracleUnderTest coracle = CoracleUnderTest.start(home, yaml)) {
        HttpResponse<String> response =
            post(coracle.baseUrl() + "/v1/chat/completions", chat("coracle", "hello browser", ""));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("x-coracle-provider")).contains("browser");
        assertThat(response.headers().firstValue("x-coracle-model")).contains("fakechat");
        assertThat(json(response).at("/choices/0/message/content").asText())
            .startsWith("echo:")
            .contains("hello browser");
        assertThat(site.events("prompt")).hasSize(1);
        assertThat(cloud.requests("/v1/chat/completions")).hasSize(2);
      }
    }
  }

  @Test
  void alternating_reasoning_and_coder_requests_never_leave_both_models_resident() {
    try (FakeOllamaServer ollama = new FakeOllamaServer().start()) {
      String yaml =
          """
          local:
            ollama:
              base-url: "%s"
              reasoning-model: "qwen-reason:7b"
              coder-model: "qwen-coder:7b"
              timeout-seconds: 20
          """
              .formatted(ollama.baseUrl());
      try (CoracleUnderTest coracle = CoracleUnderTest.start(home, yaml)) {
        String url = coracle.baseUrl() + "/v1/chat/completions";
        for (int i = 0; i < 3; i++) {
          HttpResponse<String> fast = post(url, chat("coracle-fast", "quick " + i, ""));
          HttpResponse<String> deep = post(url, chat("coracle-deep", "deep " + i, ""));
          assertThat(fast.headers().firstValue("x-coracle-model")).contains("qwen-reason:7b");
          assertThat(deep.headers().firstValue("x-coracle-model")).contains("qwen-coder:7b");
        }

        assertThat(ollama.maxResidentModels()).as("models resident at once").isEqualTo(1);
        assertThat(ollama.residentModels()).containsExactly("qwen-coder:7b");
        JsonNode slot =
            json(HttpCalls.get(coracle.baseUrl() + "/api/providers")).path("local_slot");
        assertThat(slot.path("swaps").asInt()).isGreaterThanOrEqualTo(5);
      }
    }
  }

  @Test
  void rejected_key_disables_the_provider_until_it_is_enabled_again() {
    try (FakeOpenAiServer cloud = new FakeOpenAiServer().start();
        CoracleUnderTest coracle =
            CoracleUnderTest.start(
                home,
                CoracleUnderTest.cloudOnly(
                    "providers:\n"
                        + provider("badkey", "openai-compatible", cloud.baseUrl(), "unauthorized")
                        + provider("good", "openai-compatible", cloud.baseUrl(), "echo")))) {
      String url = coracle.baseUrl() + "/v1/chat/completions";
      assertThat(post(url, chat("coracle", "one", "")).headers().firstValue("x-coracle-provider"))
          .contains("good");
      post(url, chat("coracle", "two", ""));

      JsonNode disabled = quotaOf(coracle, "badkey/unauthorized");
      assertThat(disabled.path("disabled").asBoolean()).isTrue();
      assertThat(disabled.path("disabled_reason").asText()).contains("401");
      assertThat(requestsFor(cloud, "unauthorized"))
          .as("not tried again while disabled")
          .isEqualTo(1);

      HttpResponse<String> enabled = post(coracle.baseUrl() + "/api/providers/badkey/enable", "");
      assertThat(enabled.statusCode()).isEqualTo(200);
      assertThat(quotaOf(coracle, "badkey/unauthorized").path("disabled").asBoolean()).isFalse();
      assertThat(post(coracle.baseUrl() + "/api/providers/nope/enable", "").statusCode())
          .isEqualTo(404);
    }
  }
}
