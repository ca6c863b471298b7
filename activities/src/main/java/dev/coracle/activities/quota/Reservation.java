package dev.coracle.activities.quota;

import java.time.Instant;

/**
 * A call counted before it was made: one request and {@code estimatedTokens} in each window that
 * held {@code reservedAt}. Settle it once, with {@link QuotaLedger#reconcile} when the upstream
 * answered or refused, or {@link QuotaLedger#release} when the call never reached it.
 *
 * @param pooled whether it also counted in the provider's shared pool
 */
public record Reservation(
    String provider,
    String model,
    boolean pooled,
    Instant minuteStart,
    Instant hourStart,
    Instant dayStart,
    int estimatedTokens,
    Instant reservedAt) {

  /** The model the pool rows are stored under; the model itself when there is no pool. */
  String poolKey() {
    return pooled ? QuotaStore.ALL : model;
  }
}
