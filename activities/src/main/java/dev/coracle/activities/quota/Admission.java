package dev.coracle.activities.quota;

import java.time.Instant;

/**
 * The ledger's answer to "may coracle call this model now?".
 *
 * @param reservation what was counted, when admitted by {@link QuotaLedger#admit}; null when
 *     refused or only checked
 * @param reason why not, for people: {@code groq/llama-3.3-70b-versatile: 30 requests per minute
 *     used; resets in 41 s}; null when admitted
 * @param retryAt the earliest moment a retry can be admitted; null when admitted, or when waiting
 *     does not help (a disabled provider, a request larger than a limit)
 */
public record Admission(boolean admitted, Reservation reservation, String reason, Instant retryAt) {

  static Admission granted(Reservation reservation) {
    return new Admission(true, reservation, null, null);
  }

  static Admission refused(String reason, Instant retryAt) {
    return new Admission(false, null, reason, retryAt);
  }
}
