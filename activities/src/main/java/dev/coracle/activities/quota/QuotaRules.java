package dev.coracle.activities.quota;

import static dev.coracle.activities.quota.Refusal.resetsIn;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Decides from the stored rows whether a call may be made now; it reads and writes nothing. */
final class QuotaRules {

  /** How long an upstream's "0 left" holds when it did not say when its window resets. */
  static final long UNKNOWN_RESET_MILLIS = 60_000;

  private QuotaRules() {}

  /**
   * The reason a call of about {@code estimatedTokens} may not be made at {@code now}, or null.
   *
   * @param usage the rows of the windows that hold {@code now}, of the model and its pool
   * @param states the rows of the provider as a whole, the model and its pool
   */
  static Refusal evaluate(
      Target target,
      Instant now,
      List<QuotaUsage> usage,
      List<ProviderState> states,
      int estimatedTokens) {
    for (ProviderState state : states) {
      if (QuotaStore.ALL.equals(state.model()) && state.disabled()) {
        String why = state.disabledReason() == null ? "" : ": " + state.disabledReason();
        return new Refusal(target.provider() + ": disabled" + why, null);
      }
    }
    List<Refusal> refusals = new ArrayList<>();
    for (ProviderState state : states) {
      cooldown(target, state, now, refusals);
      learned(target, state, now, estimatedTokens, refusals);
    }
    windows(target, target.model(), target.limits(), usage, now, estimatedTokens, refusals);
    if (target.shared()) {
      windows(target, QuotaStore.ALL, target.poolLimits(), usage, now, estimatedTokens, refusals);
    }
    return Refusal.longest(refusals);
  }

  private static void cooldown(
      Target target, ProviderState state, Instant now, List<Refusal> refusals) {
    if (state.cooldownUntil() == null || state.cooldownUntil() <= now.toEpochMilli()) {
      return;
    }
    Instant until = Instant.ofEpochMilli(state.cooldownUntil());
    String why = state.cooldownReason() == null ? "" : " after " + state.cooldownReason();
    refusals.add(
        new Refusal(
            target.label(state.model()) + ": cooling down" + why + "; " + resetsIn(now, until),
            until));
  }

  /** The upstream's own count wins while it is fresh: "0 left" holds until its reset. */
  private static void learned(
      Target target,
      ProviderState state,
      Instant now,
      int estimatedTokens,
      List<Refusal> refusals) {
    if (state.learnedAt() == null) {
      return;
    }
    String label = target.label(state.model());
    Instant requestsReset = freshUntil(state.requestsResetAt(), state.learnedAt(), now);
    Integer requests = state.remainingRequests();
    if (requestsReset != null && requests != null && requests <= 0) {
      refusals.add(
          new Refusal(
              label + ": the provider reports 0 requests left; " + resetsIn(now, requestsReset),
              requestsReset));
    }
    Instant tokensReset = freshUntil(state.tokensResetAt(), state.learnedAt(), now);
    Integer tokens = state.remainingTokens();
    if (tokensReset != null && tokens != null && (tokens <= 0 || tokens < estimatedTokens)) {
      String needed = estimatedTokens > 0 ? ", ~" + estimatedTokens + " needed" : "";
      refusals.add(
          new Refusal(
              label
                  + ": the provider reports "
                  + tokens
                  + " tokens left"
                  + needed
                  + "; "
                  + resetsIn(now, tokensReset),
              tokensReset));
    }
  }

  /** When a learned count stops holding, or null when it already has. */
  private static Instant freshUntil(Long resetAt, long learnedAt, Instant now) {
    long until = resetAt != null ? resetAt : learnedAt + UNKNOWN_RESET_MILLIS;
    return until > now.toEpochMilli() ? Instant.ofEpochMilli(until) : null;
  }

  private static void windows(
      Target target,
      String rowModel,
      Limits limits,
      List<QuotaUsage> usage,
      Instant now,
      int estimatedTokens,
      List<Refusal> refusals) {
    String label = target.label(rowModel);
    for (WindowKind window : WindowKind.values()) {
      int requestLimit = limits.requests(window);
      int tokenLimit = limits.tokens(window);
      if (requestLimit == 0 && tokenLimit == 0) {
        continue;
      }
      QuotaUsage row = find(usage, rowModel, window);
      long requests = row == null ? 0 : row.requests();
      long tokens = row == null ? 0 : row.tokens();
      Instant reset = window.end(now, target.zone());
      String per = window.per();
      if (requestLimit > 0 && requests + 1 > requestLimit) {
        refusals.add(
            new Refusal(
                label + ": " + requestLimit + " requests " + per + " used; " + resetsIn(now, reset),
                reset));
      }
      if (tokenLimit > 0 && estimatedTokens > tokenLimit) {
        refusals.add(
            new Refusal(
                label
                    + ": a request of ~"
                    + estimatedTokens
                    + " tokens exceeds the limit of "
                    + tokenLimit
                    + " tokens "
                    + per,
                null));
      } else if (tokenLimit > 0 && tokens + Math.max(1, estimatedTokens) > tokenLimit) {
        String needed = estimatedTokens > 0 ? ", ~" + estimatedTokens + " more needed" : "";
        refusals.add(
            new Refusal(
                label
                    + ": "
                    + tokens
                    + " of "
                    + tokenLimit
                    + " tokens "
                    + per
                    + " used"
                    + needed
                    + "; "
                    + resetsIn(now, reset),
                reset));
      }
    }
  }

  static QuotaUsage find(List<QuotaUsage> usage, String model, WindowKind window) {
    for (QuotaUsage row : usage) {
      if (row.model().equals(model) && row.windowKind().equals(window.column())) {
        return row;
      }
    }
    return null;
  }
}
