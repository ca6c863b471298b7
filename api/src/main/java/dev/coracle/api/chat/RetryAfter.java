package dev.coracle.api.chat;

import dev.coracle.activities.quota.ModelQuota;
import dev.coracle.activities.quota.QuotaLedger;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The {@code Retry-After} of an answer that says no model can take the request now: the seconds
 * until the earliest moment the ledger would admit a call again, rounded up and at least 1.
 */
@Singleton
public class RetryAfter {

  /**
   * The wait when no refused model knows when it comes back (every one failed, none is resting).
   */
  static final long UNKNOWN_SECONDS = 60;

  private final QuotaLedger ledger;
  private final Clock clock;

  public RetryAfter(QuotaLedger ledger, Clock clock) {
    this.ledger = ledger;
    this.clock = clock;
  }

  /** Seconds until the earliest reset of any configured model that is refused now. */
  public long seconds() {
    Instant now = clock.instant();
    Instant earliest = null;
    for (ModelQuota quota : ledger.snapshot()) {
      Instant at = quota.availableAt();
      if (!quota.available() && at != null && (earliest == null || at.isBefore(earliest))) {
        earliest = at;
      }
    }
    if (earliest == null) {
      return UNKNOWN_SECONDS;
    }
    return ceilSeconds(Duration.between(now, earliest));
  }

  /** Whole seconds, rounded up, at least 1: a client told 0 would call again at once. */
  static long ceilSeconds(Duration wait) {
    long millis = Math.max(0, wait.toMillis());
    return Math.max(1, (millis + 999) / 1000);
  }
}
