package dev.coracle.activities.quota;

import java.time.Instant;

/**
 * A limit an upstream reported, as {@code GET /api/providers} shows it. The effective limit of its
 * window is the lower of this and the configured one.
 *
 * @param window the window the limit counts in
 * @param unit {@code requests} or {@code tokens}
 * @param limit what the upstream said the window allows
 * @param source where it was read: a header name, or the quota id of a 429
 * @param learnedAt when the upstream last reported it
 * @param shared true when it caps the provider's shared pool rather than one model
 */
public record LearnedLimit(
    WindowKind window, String unit, int limit, String source, Instant learnedAt, boolean shared) {

  static LearnedLimit of(LearnedLimitRow row) {
    return new LearnedLimit(
        WindowKind.valueOf(row.windowKind().toUpperCase(java.util.Locale.ROOT)),
        row.unit(),
        row.limitValue(),
        row.source(),
        Instant.ofEpochMilli(row.learnedAt()),
        QuotaStore.ALL.equals(row.model()));
  }
}
