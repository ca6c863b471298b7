package dev.coracle.activities.quota;

import java.time.Instant;

/**
 * A call counted before it was made: one request and {@code estimatedTokens} in each window that
 * held {@code reservedAt}. Settle it once, with {@link QuotaLedger#reconcile} when the upstream
 * answered or refused, or {@link QuotaLedger#release} when the call never reached it.
 *
 * @param pooled whether it also counted in the provider's shared pool
 * @param queued whether its count was queued for the after-answer writer (a model with no limit)
 *     rather than written before the call; its settlement is then queued after the count
 */
public record Reservation(
    String provider,
    String model,
    boolean pooled,
    Instant minuteStart,
    Instant hourStart,
    Instant dayStart,
    int estimatedTokens,
    Instant reservedAt,
    boolean queued) {

  /** The model the pool rows are stored under; the model itself when there is no pool. */
  String poolKey() {
    return pooled ? QuotaStore.ALL : model;
  }
}
