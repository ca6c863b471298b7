package dev.coracle.activities.quota;

import java.time.Instant;

/**
 * One window of a model, or of its provider's shared pool, as it stands now.
 *
 * @param shared true for the pool all of the provider's models count against
 * @param requestLimit 0 when the window has no request limit
 * @param requestsLeft null when there is no request limit
 * @param tokenLimit 0 when the window has no token limit
 * @param tokensUsed estimates of calls in flight plus real usage of finished calls
 * @param tokensLeft null when there is no token limit
 */
public record WindowQuota(
    WindowKind window,
    boolean shared,
    Instant start,
    Instant resetsAt,
    int requestLimit,
    long requestsUsed,
    Long requestsLeft,
    int tokenLimit,
    long tokensUsed,
    Long tokensLeft) {

  static WindowQuota of(
      WindowKind window,
      boolean shared,
      Instant start,
      Instant resetsAt,
      Limits limits,
      long requestsUsed,
      long tokensUsed) {
    int requestLimit = limits.requests(window);
    int tokenLimit = limits.tokens(window);
    return new WindowQuota(
        window,
        shared,
        start,
        resetsAt,
        requestLimit,
        requestsUsed,
        requestLimit == 0 ? null : Math.max(0, requestLimit - requestsUsed),
        tokenLimit,
        tokensUsed,
        tokenLimit == 0 ? null : Math.max(0, tokenLimit - tokensUsed));
  }
}
