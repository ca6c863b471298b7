package dev.coracle.activities.quota;

import dev.coracle.activities.providers.RateLimitInfo;
import dev.coracle.activities.providers.RateLimitInfo.Scope;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

/** How long to leave a model alone after HTTP 429. */
final class Cooldowns {

  /** The wait when the upstream said nothing usable about when to come back. */
  static final Duration DEFAULT = Duration.ofSeconds(60);

  private Cooldowns() {}

  /**
   * The end of the cooldown: the first known of the upstream's {@code Retry-After}, the reset of
   * the exhausted window, and the end of the window its scope names (a day ends at midnight in the
   * provider's reset zone); else a minute.
   */
  static Instant until(RateLimitInfo info, Instant now, ZoneId zone) {
    if (info == null) {
      return now.plus(DEFAULT);
    }
    if (info.retryAfter() != null && !info.retryAfter().isNegative()) {
      return now.plus(info.retryAfter());
    }
    Instant reset = reset(info, now);
    if (reset != null) {
      return reset;
    }
    Scope scope = info.scope() == null ? Scope.UNKNOWN : info.scope();
    return switch (scope) {
      case DAY -> WindowKind.DAY.end(now, zone);
      case HOUR -> WindowKind.HOUR.end(now, zone);
      case MINUTE -> now.plus(Duration.ofSeconds(60));
      case UNKNOWN -> now.plus(DEFAULT);
    };
  }

  /** The reset of the window that ran out, or the earliest future reset when none says 0 left. */
  private static Instant reset(RateLimitInfo info, Instant now) {
    Instant requests = future(info.resetRequestsAt(), now);
    Instant tokens = future(info.resetTokensAt(), now);
    boolean requestsOut = info.remainingRequests() != null && info.remainingRequests() <= 0;
    boolean tokensOut = info.remainingTokens() != null && info.remainingTokens() <= 0;
    if (requestsOut && requests != null) {
      return tokensOut && tokens != null && tokens.isAfter(requests) ? tokens : requests;
    }
    if (tokensOut && tokens != null) {
      return tokens;
    }
    if (requests == null) {
      return tokens;
    }
    return tokens == null || requests.isBefore(tokens) ? requests : tokens;
  }

  private static Instant future(Instant instant, Instant now) {
    return instant != null && instant.isAfter(now) ? instant : null;
  }

  /** Why the model cools down, for people: {@code HTTP 429 (GenerateRequestsPerDay...)}. */
  static String reason(RateLimitInfo info) {
    String quota = info == null || info.quotaId() == null ? "" : " (" + info.quotaId() + ")";
    return "HTTP 429" + quota;
  }
}
