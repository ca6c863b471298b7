package dev.coracle.activities.quota;

import dev.coracle.activities.providers.RateLimitInfo;
import dev.coracle.activities.providers.RateLimitInfo.Scope;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the limits an upstream's report names, each with the window it counts in. Pure.
 *
 * <p>Most headers do not name their window ({@code x-ratelimit-limit-requests: 5}), so it is told
 * from the reset: within a minute is a minute, within an hour an hour, else a day. A wrong guess
 * errs on the safe side: a per-day limit whose rolling reset is near is taken as an hourly one,
 * which caps less, never more. A window the upstream named (Gemini's quota id, a header suffix such
 * as {@code -day} on the exhausted count) is taken as named.
 */
final class LimitReports {

  static final String REQUESTS = "requests";
  static final String TOKENS = "tokens";

  private LimitReports() {}

  /** The rows to remember for {@code row} of {@code provider}; empty when no limit was named. */
  static List<LearnedLimitRow> read(String provider, String row, RateLimitInfo info, Instant now) {
    List<LearnedLimitRow> limits = new ArrayList<>();
    if (info == null) {
      return limits;
    }
    String source = info.quotaId() != null ? info.quotaId() : null;
    long at = now.toEpochMilli();
    if (info.limitRequests() != null && info.limitRequests() > 0) {
      WindowKind window =
          window(info, exhausted(info.remainingRequests()), info.resetRequestsAt(), now);
      String from = source != null ? source : "x-ratelimit-limit-requests";
      limits.add(
          new LearnedLimitRow(
              null, provider, row, window.column(), REQUESTS, info.limitRequests(), from, at));
    }
    if (info.limitTokens() != null && info.limitTokens() > 0) {
      WindowKind window =
          window(info, exhausted(info.remainingTokens()), info.resetTokensAt(), now);
      String from = source != null ? source : "x-ratelimit-limit-tokens";
      limits.add(
          new LearnedLimitRow(
              null, provider, row, window.column(), TOKENS, info.limitTokens(), from, at));
    }
    return limits;
  }

  private static boolean exhausted(Integer remaining) {
    return remaining != null && remaining <= 0;
  }

  private static WindowKind window(
      RateLimitInfo info, boolean exhausted, Instant resetAt, Instant now) {
    Scope scope = info.scope();
    boolean named = info.quotaId() != null || exhausted;
    if (named && scope != null && scope != Scope.UNKNOWN) {
      return switch (scope) {
        case MINUTE -> WindowKind.MINUTE;
        case HOUR -> WindowKind.HOUR;
        default -> WindowKind.DAY;
      };
    }
    if (resetAt == null || !resetAt.isAfter(now)) {
      return WindowKind.MINUTE;
    }
    Duration left = Duration.between(now, resetAt);
    if (left.compareTo(Duration.ofMinutes(1)) <= 0) {
      return WindowKind.MINUTE;
    }
    return left.compareTo(Duration.ofHours(1)) <= 0 ? WindowKind.HOUR : WindowKind.DAY;
  }
}
