package dev.coracle.activities.quota;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/**
 * The fixed windows a free tier counts in. Each is aligned to the wall clock of the provider's
 * reset zone, so a daily window of a Gemini-like provider starts at midnight Pacific time and is 23
 * or 25 hours long on the days daylight saving time starts or ends.
 */
public enum WindowKind {
  MINUTE,
  HOUR,
  DAY;

  /** The spelling stored in {@code quota_usage.window_kind}. */
  public String column() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The first instant of the window that holds {@code now}. */
  public Instant start(Instant now, ZoneId zone) {
    ZonedDateTime local = now.atZone(zone);
    return switch (this) {
      case MINUTE -> local.truncatedTo(ChronoUnit.MINUTES).toInstant();
      case HOUR -> local.truncatedTo(ChronoUnit.HOURS).toInstant();
      case DAY -> local.toLocalDate().atStartOfDay(zone).toInstant();
    };
  }

  /** The first instant after the window that holds {@code now}: when it resets. */
  public Instant end(Instant now, ZoneId zone) {
    ZonedDateTime local = now.atZone(zone);
    return switch (this) {
      case MINUTE -> local.truncatedTo(ChronoUnit.MINUTES).plusMinutes(1).toInstant();
      case HOUR -> local.truncatedTo(ChronoUnit.HOURS).plusHours(1).toInstant();
      case DAY -> local.toLocalDate().plusDays(1).atStartOfDay(zone).toInstant();
    };
  }

  /** How a person says the window: "per minute". */
  String per() {
    return "per " + column();
  }
}
