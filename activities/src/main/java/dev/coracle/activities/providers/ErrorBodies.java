package dev.coracle.activities.providers;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The rate limits that error bodies name: Google's error details, OpenRouter's metadata. */
final class ErrorBodies {

  private static final Pattern RETRY_IN =
      Pattern.compile("(?i)retry in (\\d+(?:\\.\\d+)?(?:ns|us|µs|ms|h|m|s)+)");

  /** Abbreviations of daily quotas, as words of their own: {@code RPD}, {@code TPD}. */
  private static final Pattern PER_DAY = Pattern.compile("(?<![A-Z])[RT]PD(?![a-z])");

  private static final Pattern PER_MINUTE = Pattern.compile("(?<![A-Z])[RT]PM(?![a-z])");

  private ErrorBodies() {}

  /**
   * Google's error: {@code details[]} holds a {@code RetryInfo} with the delay and a {@code
   * QuotaFailure} whose violations name the exhausted quotas. With several violations the longest
   * window wins. The quota's value is its limit, and the violation says none of it is left.
   */
  static RateLimitInfo fromGoogle(JsonNode error) {
    Duration retryAfter = null;
    JsonNode violation = null;
    RateLimitInfo.Scope scope = null;
    for (JsonNode detail : error.path("details")) {
      String type = detail.path("@type").asText("");
      if (type.endsWith("google.rpc.RetryInfo")) {
        retryAfter = RateLimitValues.parseDuration(detail.path("retryDelay").asText(null));
      } else if (type.endsWith("google.rpc.QuotaFailure")) {
        for (JsonNode candidate : detail.path("violations")) {
          RateLimitInfo.Scope candidateScope = scopeOfQuota(candidate.path("quotaId").asText(null));
          if (violation == null || rank(candidateScope) > rank(scope)) {
            violation = candidate;
            scope = candidateScope;
          }
        }
      }
    }
    if (retryAfter == null) {
      // Some answers carry the delay only in the message: "Please retry in 41.73s."
      Matcher retryIn = RETRY_IN.matcher(error.path("message").asText(""));
      if (retryIn.find()) {
        retryAfter = RateLimitValues.parseDuration(retryIn.group(1));
      }
    }
    if (violation == null) {
      return new RateLimitInfo(null, null, null, null, null, null, retryAfter, null, null);
    }
    String metric = violation.path("quotaMetric").asText("");
    Integer value = RateLimitValues.integer(violation.path("quotaValue").asText(null));
    boolean tokens = metric.contains("token");
    return new RateLimitInfo(
        tokens ? null : value,
        tokens ? null : 0,
        tokens ? value : null,
        tokens ? 0 : null,
        null,
        null,
        retryAfter,
        scope,
        violation.path("quotaId").asText(null));
  }

  private static int rank(RateLimitInfo.Scope scope) {
    if (scope == null || scope == RateLimitInfo.Scope.UNKNOWN) {
      return -1;
    }
    return scope.ordinal();
  }

  /**
   * The scope a Google quota id names: {@code GenerateRequestsPerDayPerProjectPerModel-FreeTier}
   * and ids with {@code RPD} or {@code TPD} are per day, {@code RPM} and {@code TPM} per minute.
   */
  static RateLimitInfo.Scope scopeOfQuota(String quotaId) {
    if (quotaId == null) {
      return null;
    }
    if (quotaId.contains("PerDay")
        || quotaId.contains("Daily")
        || PER_DAY.matcher(quotaId).find()) {
      return RateLimitInfo.Scope.DAY;
    }
    if (quotaId.contains("PerHour")) {
      return RateLimitInfo.Scope.HOUR;
    }
    if (quotaId.contains("PerMinute") || PER_MINUTE.matcher(quotaId).find()) {
      return RateLimitInfo.Scope.MINUTE;
    }
    return RateLimitInfo.Scope.UNKNOWN;
  }

  /**
   * OpenRouter's 429: {@code {"error":{"message":"Rate limit exceeded: free-models-per-day...",
   * "metadata":{"headers":{"X-RateLimit-Limit":"50",...}}}}}.
   */
  static RateLimitInfo fromOpenRouter(JsonNode error, Instant now) {
    JsonNode embedded = error.path("metadata").path("headers");
    Map<String, List<String>> headers = new HashMap<>();
    embedded
        .fields()
        .forEachRemaining(
            field -> {
              if (field.getValue().isValueNode()) {
                headers.put(field.getKey(), List.of(field.getValue().asText()));
              }
            });
    RateLimitInfo info = RateLimitParser.fromHeaders(headers, now);
    String message = error.path("message").asText("").toLowerCase(Locale.ROOT);
    RateLimitInfo.Scope scope = null;
    if (message.contains("per-day")) {
      scope = RateLimitInfo.Scope.DAY;
    } else if (message.contains("per-min")) {
      scope = RateLimitInfo.Scope.MINUTE;
    }
    if (scope == null) {
      return info;
    }
    return RateLimitParser.merge(
        new RateLimitInfo(null, null, null, null, null, null, null, scope, null), info);
  }
}
