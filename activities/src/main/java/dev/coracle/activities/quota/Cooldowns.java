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
   * The end of the cooldown. The quota's scope decides first: when a day or an hour ran out, the
   * model rests until that window resets (the exhausted window's reset when the upstream gave one,
   * else the end of the window in the provider's reset zone), however short the upstream's {@code
   * Retry-After} is, because Gemini sends a delay of seconds even for a per-day quota and calling
   * again after it only wastes another 429. Otherwise the first known of {@code Retry-After}, the
   * reset of the exhausted window and a minute for a per-minute quota; else a minute.
   */
  static Instant until(RateLimitInfo info, Instant now, ZoneId zone) {
    if (info == null) {
      return now.plus(DEFAULT);
    }
    Instant retryAt =
        info.retryAfter() != null && !info.retryAfter().isNegative()
            ? now.plus(info.retryAfter())
            : null;
    Scope scope = info.scope() == null ? Scope.UNKNOWN : info.scope();
    if (scope == Scope.DAY || scope == Scope.HOUR) {
      Instant exhausted = exhaustedReset(info, now);
      WindowKind window = scope == Scope.DAY ? WindowKind.DAY : WindowKind.HOUR;
      Instant end = exhausted != null ? exhausted : window.end(now, zone);
      return retryAt != null && retryAt.isAfter(end) ? retryAt : end;
    }
    if (retryAt != null) {
      return retryAt;
    }
    Instant reset = reset(info, now);
    if (reset != null) {
      return reset;
    }
    return scope == Scope.MINUTE ? now.plus(Duration.ofSeconds(60)) : now.plus(DEFAULT);
  }

  /** The reset paired with a count of 0 left, the later one when both ran out; else null. */
  private static Instant exhaustedReset(RateLimitInfo info, Instant now) {
    Instant requests = future(info.resetRequestsAt(), now);
    Instant tokens = future(info.resetTokensAt(), now);
    boolean requestsOut = info.remainingRequests() != null && info.remainingRequests() <= 0;
    boolean tokensOut = info.remainingTokens() != null && info.remainingTokens() <= 0;
    Instant reset = requestsOut ? requests : null;
    if (tokensOut && tokens != null && (reset == null || tokens.isAfter(reset))) {
      reset = tokens;
    }
    return reset;
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
