package dev.coracle.activities.providers;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RateLimitParserTest {

  private static final Instant NOW = Instant.parse("2026-11-02T10:00:00Z");

  /** The body Gemini's free tier answers with, for a per-day or a per-minute quota. */
  private static String geminiQuota(String quotaId, String value, String delay) {
    return """
        {"error":{"code":429,
          "message":"You exceeded your current quota, please check your plan and billing details.",
          "status":"RESOURCE_EXHAUSTED",
          "details":[
            {"@type":"type.googleapis.com/google.rpc.QuotaFailure",
             "violations":[{
               "quotaMetric":"generativelanguage.googleapis.com/generate_content_free_tier_requests",
               "quotaId":"%s",
               "quotaDimensions":{"location":"global","model":"gemini-2.5-flash"},
               "quotaValue":"%s"}]},
            {"@type":"type.googleapis.com/google.rpc.Help",
             "links":[{"description":"Learn more","url":"https://ai.google.dev/gemini-api/docs/rate-limits"}]},
            {"@type":"type.googleapis.com/google.rpc.RetryInfo","retryDelay":"%s"}]}}
        """
        .formatted(quotaId, value, delay);
  }

  @Test
  void go_and_protobuf_durations_are_read() {
    assertThat(RateLimitValues.parseDuration("6m0s")).isEqualTo(Duration.ofMinutes(6));
    assertThat(RateLimitValues.parseDuration("1.5s")).isEqualTo(Duration.ofMillis(1500));
    assertThat(RateLimitValues.parseDuration("20ms")).isEqualTo(Duration.ofMillis(20));
    assertThat(RateLimitValues.parseDuration("2m59.56s")).isEqualTo(Duration.ofMillis(179_560));
    assertThat(RateLimitValues.parseDuration("1h2m3.5s"))
        .isEqualTo(Duration.ofHours(1).plusMinutes(2).plusMillis(3500));
    assertThat(RateLimitValues.parseDuration("500us")).isEqualTo(Duration.ofNanos(500_000));
    assertThat(RateLimitValues.parseDuration("41s")).isEqualTo(Duration.ofSeconds(41));
    assertThat(RateLimitValues.parseDuration("41.730245s"))
        .isEqualTo(Duration.ofNanos(41_730_245_000L));
  }

  @Test
  void text_that_is_no_duration_is_not_read_as_one() {
    assertThat(RateLimitValues.parseDuration("")).isNull();
    assertThat(RateLimitValues.parseDuration("7")).isNull();
    assertThat(RateLimitValues.parseDuration("5x")).isNull();
    assertThat(RateLimitValues.parseDuration("s")).isNull();
    assertThat(RateLimitValues.parseDuration("1m garbage")).isNull();
  }

  @Test
  void resets_are_read_as_durations_epochs_and_dates() {
    assertThat(RateLimitValues.parseReset("6m0s", NOW)).isEqualTo(NOW.plusSeconds(360));
    assertThat(RateLimitValues.parseReset("33011.5", NOW))
        .as("bare seconds from now, as Cerebras sends")
        .isEqualTo(NOW.plusMillis(33_011_500));
    assertThat(RateLimitValues.parseReset("1767225600", NOW))
        .as("epoch seconds")
        .isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
    assertThat(RateLimitValues.parseReset("1741305600000", NOW))
        .as("epoch milliseconds, as OpenRouter sends")
        .isEqualTo(Instant.ofEpochMilli(1_741_305_600_000L));
    assertThat(RateLimitValues.parseReset("2026-11-03T00:00:00Z", NOW))
        .isEqualTo(Instant.parse("2026-11-03T00:00:00Z"));
    assertThat(RateLimitValues.parseReset("Tue, 03 Nov 2026 00:00:00 GMT", NOW))
        .isEqualTo(Instant.parse("2026-11-03T00:00:00Z"));
    assertThat(RateLimitValues.parseReset("soon", NOW)).isNull();
  }

  @Test
  void retry_after_is_seconds_or_an_http_date() {
    assertThat(RateLimitValues.parseRetryAfter("7", NOW)).isEqualTo(Duration.ofSeconds(7));
    assertThat(RateLimitValues.parseRetryAfter("1.5", NOW)).isEqualTo(Duration.ofMillis(1500));
    assertThat(RateLimitValues.parseRetryAfter("Mon, 02 Nov 2026 10:01:30 GMT", NOW))
        .isEqualTo(Duration.ofSeconds(90));
    assertThat(RateLimitValues.parseRetryAfter("Mon, 02 Nov 2026 09:00:00 GMT", NOW))
        .as("a date already past means now")
        .isEqualTo(Duration.ZERO);
    assertThat(RateLimitValues.parseRetryAfter("later", NOW)).isNull();
  }

  @Test
  void openai_headers_fill_every_field_but_the_scope() {
    Map<String, List<String>> headers =
        Map.of(
            "X-RateLimit-Limit-Requests", List.of("30"),
            "x-ratelimit-remaining-requests", List.of("0"),
            "x-ratelimit-reset-requests", List.of("7s"),
            "x-ratelimit-limit-tokens", List.of("6000"),
            "x-ratelimit-remaining-tokens", List.of("5400"),
            "x-ratelimit-reset-tokens", List.of("6m0s"),
            "Retry-After", List.of("7"));

    RateLimitInfo info = RateLimitParser.fromHeaders(headers, NOW);

    assertThat(info)
        .isEqualTo(
            new RateLimitInfo(
                30,
                0,
                6000,
                5400,
                NOW.plusSeconds(7),
                NOW.plusSeconds(360),
                Duration.ofSeconds(7),
                null,
                null));
  }

  @Test
  void retry_after_ms_is_preferred_and_unreadable_values_are_ignored() {
    Map<String, List<String>> headers =
        Map.of(
            "retry-after", List.of("2"),
            "retry-after-ms", List.of("1500"),
            "x-ratelimit-limit-requests", List.of("many"),
            "x-ratelimit-remaining-requests", List.of("12"));

    RateLimitInfo info = RateLimitParser.fromHeaders(headers, NOW);

    assertThat(info.retryAfter()).isEqualTo(Duration.ofMillis(1500));
    assertThat(info.limitRequests()).isNull();
    assertThat(info.remainingRequests()).isEqualTo(12);
  }

  @Test
  void cerebras_windows_name_the_scope_of_the_exhausted_one() {
    Map<String, List<String>> dayGone =
        Map.of(
            "x-ratelimit-limit-requests-day", List.of("14400"),
            "x-ratelimit-remaining-requests-day", List.of("0"),
            "x-ratelimit-reset-requests-day", List.of("33011.382867336273"),
            "x-ratelimit-limit-tokens-minute", List.of("60000"),
            "x-ratelimit-remaining-tokens-minute", List.of("59000"),
            "x-ratelimit-reset-tokens-minute", List.of("11.38"));
    Map<String, List<String>> minuteGone =
        Map.of(
            "x-ratelimit-remaining-requests-day", List.of("14000"),
            "x-ratelimit-remaining-tokens-minute", List.of("0"),
            "x-ratelimit-reset-tokens-minute", List.of("11.38"));

    RateLimitInfo day = RateLimitParser.fromHeaders(dayGone, NOW);
    RateLimitInfo minute = RateLimitParser.fromHeaders(minuteGone, NOW);

    assertThat(day.scope()).isEqualTo(RateLimitInfo.Scope.DAY);
    assertThat(day.limitRequests()).isEqualTo(14400);
    assertThat(day.remainingRequests()).isZero();
    assertThat(day.resetRequestsAt()).isEqualTo(NOW.plusNanos(33_011_382_867_336L));
    assertThat(day.remainingTokens()).isEqualTo(59000);
    assertThat(minute.scope()).isEqualTo(RateLimitInfo.Scope.MINUTE);
    assertThat(minute.remainingTokens()).isZero();
    assertThat(minute.resetTokensAt()).isEqualTo(NOW.plusMillis(11_380));
  }

  @Test
  void openrouter_bare_headers_count_requests_with_an_epoch_reset() {
    Map<String, List<String>> headers =
        Map.of(
            "X-RateLimit-Limit", List.of("20"),
            "X-RateLimit-Remaining", List.of("3"),
            "X-RateLimit-Reset", List.of("1793613660000"));

    RateLimitInfo info = RateLimitParser.fromHeaders(headers, NOW);

    assertThat(info.limitRequests()).isEqualTo(20);
    assertThat(info.remainingRequests()).isEqualTo(3);
    assertThat(info.resetRequestsAt()).isEqualTo(Instant.ofEpochMilli(1_793_613_660_000L));
  }

  @Test
  void headers_without_limits_say_nothing() {
    assertThat(RateLimitParser.fromHeaders(Map.of("content-type", List.of("json")), NOW).isEmpty())
        .isTrue();
    assertThat(RateLimitParser.fromHeaders(Map.of(), NOW).isEmpty()).isTrue();
    assertThat(RateLimitParser.fromHeaders(null, NOW).isEmpty()).isTrue();
  }

  @Test
  void gemini_per_day_and_per_minute_quotas_are_told_apart() {
    RateLimitInfo day =
        RateLimitParser.fromErrorBody(
            geminiQuota("GenerateRequestsPerDayPerProjectPerModel-FreeTier", "250", "41s"), NOW);
    RateLimitInfo minute =
        RateLimitParser.fromErrorBody(
            geminiQuota("GenerateRequestsPerMinutePerProjectPerModel-FreeTier", "10", "13s"), NOW);

    assertThat(day)
        .isEqualTo(
            new RateLimitInfo(
                250,
                0,
                null,
                null,
                null,
                null,
                Duration.ofSeconds(41),
                RateLimitInfo.Scope.DAY,
                "GenerateRequestsPerDayPerProjectPerModel-FreeTier"));
    assertThat(minute.scope()).isEqualTo(RateLimitInfo.Scope.MINUTE);
    assertThat(minute.retryAfter()).isEqualTo(Duration.ofSeconds(13));
    assertThat(minute.limitRequests()).isEqualTo(10);
    assertThat(minute.quotaId()).isEqualTo("GenerateRequestsPerMinutePerProjectPerModel-FreeTier");
  }

  @Test
  void gemini_with_several_violations_reports_the_longest_window() {
    String body =
        """
        {"error":{"code":429,"status":"RESOURCE_EXHAUSTED","details":[
          {"@type":"type.googleapis.com/google.rpc.QuotaFailure","violations":[
            {"quotaMetric":"generativelanguage.googleapis.com/generate_content_free_tier_requests",
             "quotaId":"GenerateRequestsPerMinutePerProjectPerModel-FreeTier","quotaValue":"10"},
            {"quotaMetric":"generativelanguage.googleapis.com/generate_content_free_tier_requests",
             "quotaId":"GenerateRequestsPerDayPerProjectPerModel-FreeTier","quotaValue":"250"}]}]}}
        """;

    RateLimitInfo info = RateLimitParser.fromErrorBody(body, NOW);

    assertThat(info.scope()).isEqualTo(RateLimitInfo.Scope.DAY);
    assertThat(info.limitRequests()).isEqualTo(250);
  }

  @Test
  void gemini_token_quota_and_message_only_delay_are_read() {
    String body =
        """
        {"error":{"code":429,"status":"RESOURCE_EXHAUSTED",
          "message":"* Quota exceeded for metric: input_token_count, limit: 250000\\nPlease retry in 41.73s.",
          "details":[{"@type":"type.googleapis.com/google.rpc.QuotaFailure","violations":[
            {"quotaMetric":"generativelanguage.googleapis.com/generate_content_free_tier_input_token_count",
             "quotaId":"GenerateContentInputTokensPerModelPerMinute-FreeTier","quotaValue":"250000"}]}]}}
        """;

    RateLimitInfo info = RateLimitParser.fromErrorBody(body, NOW);

    assertThat(info.limitTokens()).isEqualTo(250000);
    assertThat(info.remainingTokens()).isZero();
    assertThat(info.limitRequests()).isNull();
    assertThat(info.scope()).isEqualTo(RateLimitInfo.Scope.MINUTE);
    assertThat(info.retryAfter()).isEqualTo(Duration.ofMillis(41_730));
  }

  @Test
  void quota_ids_that_abbreviate_their_window_name_it() {
    assertThat(ErrorBodies.scopeOfQuota("GenerateContentRPD-FreeTier"))
        .isEqualTo(RateLimitInfo.Scope.DAY);
    assertThat(ErrorBodies.scopeOfQuota("InputTokensTPD_PerModel"))
        .isEqualTo(RateLimitInfo.Scope.DAY);
    assertThat(ErrorBodies.scopeOfQuota("GenerateContentInputTokensPerModelPerDay-FreeTier"))
        .isEqualTo(RateLimitInfo.Scope.DAY);
    assertThat(ErrorBodies.scopeOfQuota("GenerateContentRPM-FreeTier"))
        .isEqualTo(RateLimitInfo.Scope.MINUTE);
    assertThat(ErrorBodies.scopeOfQuota("RPDSomething")).isEqualTo(RateLimitInfo.Scope.DAY);
    assertThat(ErrorBodies.scopeOfQuota("GRPDX")).isEqualTo(RateLimitInfo.Scope.UNKNOWN);
  }

  @Test
  void unknown_quota_window_is_unknown_scope() {
    assertThat(ErrorBodies.scopeOfQuota("GenerateRequestsPerHourPerProject"))
        .isEqualTo(RateLimitInfo.Scope.HOUR);
    assertThat(ErrorBodies.scopeOfQuota("SomeFutureQuota")).isEqualTo(RateLimitInfo.Scope.UNKNOWN);
    assertThat(ErrorBodies.scopeOfQuota(null)).isNull();
  }

  @Test
  void openrouter_free_models_per_day_body_is_a_day_scope() {
    String body =
        """
        {"error":{"message":"Rate limit exceeded: free-models-per-day. Add 10 credits to unlock 1000 free model requests per day",
          "code":429,
          "metadata":{"headers":{"X-RateLimit-Limit":"50","X-RateLimit-Remaining":"0",
            "X-RateLimit-Reset":"1793613600000"},"provider_name":null}},
         "user_id":"user_123"}
        """;

    RateLimitInfo info = RateLimitParser.fromErrorBody(body, NOW);

    assertThat(info.scope()).isEqualTo(RateLimitInfo.Scope.DAY);
    assertThat(info.limitRequests()).isEqualTo(50);
    assertThat(info.remainingRequests()).isZero();
    assertThat(info.resetRequestsAt()).isEqualTo(Instant.ofEpochMilli(1_793_613_600_000L));
  }

  @Test
  void bodies_that_are_no_rate_limit_errors_say_nothing() {
    String openAi =
        "{\"error\":{\"message\":\"Rate limit reached\",\"type\":\"requests\",\"code\":\"x\"}}";

    assertThat(RateLimitParser.fromErrorBody(openAi, NOW).isEmpty()).isTrue();
    assertThat(RateLimitParser.fromErrorBody("<html>502</html>", NOW).isEmpty()).isTrue();
    assertThat(RateLimitParser.fromErrorBody("{\"error\":\"too many requests\"}", NOW).isEmpty())
        .isTrue();
    assertThat(RateLimitParser.fromErrorBody(null, NOW).isEmpty()).isTrue();
  }

  @Test
  void merge_keeps_the_first_value_of_each_field() {
    RateLimitInfo body =
        new RateLimitInfo(
            250, 0, null, null, null, null, Duration.ofSeconds(41), RateLimitInfo.Scope.DAY, "q");
    RateLimitInfo headers =
        new RateLimitInfo(30, 5, 6000, 100, NOW, NOW, Duration.ofSeconds(7), null, null);

    assertThat(RateLimitParser.merge(body, headers))
        .isEqualTo(
            new RateLimitInfo(
                250, 0, 6000, 100, NOW, NOW, Duration.ofSeconds(41), RateLimitInfo.Scope.DAY, "q"));
    assertThat(RateLimitParser.merge(RateLimitParser.empty(), headers)).isEqualTo(headers);
    assertThat(RateLimitParser.merge(headers, null)).isEqualTo(headers);
  }
}
