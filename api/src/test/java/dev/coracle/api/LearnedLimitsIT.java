package dev.coracle.api;

import static dev.coracle.api.HttpCalls.chat;
import static dev.coracle.api.HttpCalls.json;
import static dev.coracle.api.HttpCalls.post;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.coracle.fakes.FakeOpenAiServer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A limit read from an upstream's headers becomes the model's effective limit, is shown in {@code
 * GET /api/providers} with its source and date, and is still there after a restart.
 */
class LearnedLimitsIT {
  @TempDir Path home;

  @Test
  void a_limit_from_the_headers_is_shown_with_its_source_and_survives_a_restart() {
    try (FakeOpenAiServer cloud = new FakeOpenAiServer().start()) {
      // The fake's 429 says x-ratelimit-limit-requests: 30 and -tokens: 6000, both resetting in 7
      // s:
      // limits per minute.
      String yaml =
          CoracleUnderTest.cloudOnly(
              "providers:\n"
                  + CoracleUnderTest.openAiProvider("minutely", cloud.baseUrl(), "rate-limited"));
      Instant before = Instant.now();
      try (CoracleUnderTest coracle = CoracleUnderTest.start(home, yaml)) {
        post(coracle.baseUrl() + "/v1/chat/completions", chat("minutely/rate-limited", "hi", ""));

        assertLearned(quotaOf(coracle), before);
      }
      try (CoracleUnderTest restarted = CoracleUnderTest.start(home, yaml)) {
        assertLearned(quotaOf(restarted), before);
      }
    }
  }

  private static void assertLearned(JsonNode quota, Instant before) {
    JsonNode learned = quota.path("learned_limits");
    assertThat(learned).as(quota.toString()).hasSize(2);
    JsonNode limit = learned.get(0);
    assertThat(limit.path("window").asText()).isEqualTo("MINUTE");
    assertThat(limit.path("unit").asText()).isEqualTo("requests");
    assertThat(limit.path("limit").asInt()).isEqualTo(30);
    assertThat(limit.path("source").asText()).isEqualTo("x-ratelimit-limit-requests");
    assertThat(Instant.parse(limit.path("learned_at").asText()))
        .isBetween(before, Instant.now().plus(Duration.ofSeconds(1)));
    assertThat(learned.get(1).path("unit").asText()).isEqualTo("tokens");
    assertThat(learned.get(1).path("limit").asInt()).isEqualTo(6000);
    assertThat(learned.get(1).path("source").asText()).isEqualTo("x-ratelimit-limit-tokens");
    JsonNode minute = quota.path("windows").get(0);
    assertThat(minute.path("window").asText()).isEqualTo("MINUTE");
    assertThat(minute.path("request_limit").asInt())
        .as("the catalog knows no limit for this provider; the learned one applies")
        .isEqualTo(30);
    assertThat(minute.path("token_limit").asInt()).isEqualTo(6000);
  }

  private static JsonNode quotaOf(CoracleUnderTest coracle) {
    for (JsonNode entry : json(HttpCalls.get(coracle.url("/api/providers"))).path("data")) {
      if (entry.path("id").asText().equals("minutely/rate-limited")) {
        return entry.path("quota");
      }
    }
    throw new AssertionError("minutely/rate-limited is not in /api/providers");
  }
}
