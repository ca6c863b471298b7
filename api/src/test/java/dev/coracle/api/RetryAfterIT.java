package dev.coracle.api;

import static dev.coracle.api.HttpCalls.chat;
import static dev.coracle.api.HttpCalls.json;
import static dev.coracle.api.HttpCalls.post;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.coracle.fakes.FakeOpenAiServer;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A 503 {@code no_provider} tells the client when to come back: {@code Retry-After} holds the
 * seconds until the earliest moment any model is admitted again, over real HTTP.
 */
class RetryAfterIT {
  @TempDir Path home;

  @Test
  void with_every_provider_cooling_down_the_503_carries_the_seconds_to_the_earliest_reset() {
    try (FakeOpenAiServer cloud = new FakeOpenAiServer().start()) {
      // One provider is out for 7 s (its 429 says retry-after: 7), the other until tomorrow.
      String yaml =
          CoracleUnderTest.cloudOnly(
              "providers:\n"
                  + CoracleUnderTest.openAiProvider("minutely", cloud.baseUrl(), "rate-limited")
                  + CoracleUnderTest.openAiProvider("daily", cloud.baseUrl(), "rate-limited-day"));
      try (CoracleUnderTest coracle = CoracleUnderTest.start(home, yaml)) {
        String url = coracle.baseUrl() + "/v1/chat/completions";
        post(url, chat("coracle", "use up both", ""));

        HttpResponse<String> refused = post(url, chat("coracle", "and now?", ""));
        Instant answeredAt = Instant.now();

        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(503);
        assertThat(json(refused).at("/error/code").asText()).isEqualTo("no_provider");
        long retryAfter = Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow());
        Instant earliest = earliestReset(coracle);
        long expected =
            Math.max(1, (Duration.between(answeredAt, earliest).toMillis() + 999) / 1000);
        assertThat(earliest)
            .as("the 7 s cooldown of the minutely provider is the earliest reset")
            .isBefore(answeredAt.plusSeconds(8));
        assertThat(retryAfter).isBetween(1L, 7L);
        assertThat(retryAfter).isBetween(expected - 1, expected + 1);
      }
    }
  }

  @Test
  void an_answer_that_is_not_a_503_or_429_has_no_retry_after() {
    try (FakeOpenAiServer cloud = new FakeOpenAiServer().start()) {
      String yaml =
          CoracleUnderTest.cloudOnly(
              "providers:\n" + CoracleUnderTest.openAiProvider("one", cloud.baseUrl(), "echo"));
      try (CoracleUnderTest coracle = CoracleUnderTest.start(home, yaml)) {
        HttpResponse<String> unknown =
            post(coracle.baseUrl() + "/v1/chat/completions", chat("one/nope", "hi", ""));

        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.headers().firstValue("Retry-After")).isEmpty();
      }
    }
  }

  private static Instant earliestReset(CoracleUnderTest coracle) {
    Instant earliest = null;
    for (JsonNode entry : json(HttpCalls.get(coracle.url("/api/providers"))).path("data")) {
      JsonNode at = entry.path("quota").path("available_at");
      if (at.isTextual()) {
        Instant instant = Instant.parse(at.asText());
        earliest = earliest == null || instant.isBefore(earliest) ? instant : earliest;
      }
    }
    assertThat(earliest).as("some model is resting").isNotNull();
    return earliest;
  }
}
