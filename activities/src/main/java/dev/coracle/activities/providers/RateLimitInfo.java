package dev.coracle.activities.providers;

import java.time.Duration;
import java.time.Instant;

/**
 * What one upstream response revealed about its rate limits: {@code x-ratelimit-*} and {@code
 * retry-after} headers, Gemini's {@code RetryInfo} and {@code QuotaFailure} details, OpenRouter's
 * key status. Every field is optional (null when the upstream did not say).
 *
 * @param scope which window ran out, when the upstream said (Gemini's quota ids tell per-minute
 *     from per-day)
 * @param retryAfter how long the upstream asked us to wait
 * @param resetRequestsAt when the request window resets
 * @param resetTokensAt when the token window resets
 * @param quotaId the upstream's name for the exhausted quota, e.g. {@code
 *     GenerateRequestsPerDayPerProjectPerModel-FreeTier}
 */
public record RateLimitInfo(
    Integer limitRequests,
    Integer remainingRequests,
    Integer limitTokens,
    Integer remainingTokens,
    Instant resetRequestsAt,
    Instant resetTokensAt,
    Duration retryAfter,
    Scope scope,
    String quotaId) {

  /** The window a limit belongs to. */
  public enum Scope {
    MINUTE,
    HOUR,
    DAY,
    UNKNOWN
  }

  /** True when the response said nothing about limits. */
  public boolean isEmpty() {
    return limitRequests == null
        && remainingRequests == null
        && limitTokens == null
        && remainingTokens == null
        && resetRequestsAt == null
        && resetTokensAt == null
        && retryAfter == null
        && quotaId == null;
  }
}
