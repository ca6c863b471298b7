package dev.coracle.activities.quota;

import dev.coracle.activities.providers.RateLimitInfo;
import java.time.Instant;

/** Folds an upstream's rate-limit report into a {@code provider_state} row. */
final class LearnedState {

  private LearnedState() {}

  /** True when the report holds a limit, a remaining count or a reset time. */
  static boolean hasCounts(RateLimitInfo info) {
    return hasRequests(info) || hasTokens(info);
  }

  /**
   * The row with the report's counts. Requests and tokens are replaced as groups, so a reset time
   * is never paired with a count from another response.
   */
  static ProviderState apply(ProviderState state, RateLimitInfo info, Instant now) {
    boolean requests = hasRequests(info);
    boolean tokens = hasTokens(info);
    return new ProviderState(
        state.id(),
        state.provider(),
        state.model(),
        state.cooldownUntil(),
        state.cooldownReason(),
        state.disabled(),
        state.disabledReason(),
        state.lastError(),
        state.lastErrorAt(),
        requests ? info.limitRequests() : state.limitRequests(),
        requests ? info.remainingRequests() : state.remainingRequests(),
        requests ? millis(info.resetRequestsAt()) : state.requestsResetAt(),
        tokens ? info.limitTokens() : state.limitTokens(),
        tokens ? info.remainingTokens() : state.remainingTokens(),
        tokens ? millis(info.resetTokensAt()) : state.tokensResetAt(),
        now.toEpochMilli(),
        now.toEpochMilli());
  }

  private static boolean hasRequests(RateLimitInfo info) {
    return info.limitRequests() != null
        || info.remainingRequests() != null
        || info.resetRequestsAt() != null;
  }

  private static boolean hasTokens(RateLimitInfo info) {
    return info.limitTokens() != null
        || info.remainingTokens() != null
        || info.resetTokensAt() != null;
  }

  private static Long millis(Instant instant) {
    return instant == null ? null : instant.toEpochMilli();
  }
}
