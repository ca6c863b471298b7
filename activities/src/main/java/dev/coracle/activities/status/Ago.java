package dev.coracle.activities.status;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/** How long ago something happened, in the words of a status answer. */
final class Ago {

  private Ago() {}

  static String since(long epochMillis, Instant now) {
    Duration elapsed = Duration.between(Instant.ofEpochMilli(epochMillis), now);
    if (elapsed.compareTo(Duration.ofMinutes(1)) < 0) {
      return "less than a minute ago";
    }
    if (elapsed.compareTo(Duration.ofHours(1)) < 0) {
      return elapsed.toMinutes() + " min ago";
    }
    if (elapsed.compareTo(Duration.ofDays(1)) < 0) {
      return elapsed.toHours() + " h ago";
    }
    return plural(elapsed.toDays(), "day") + " ago";
  }

  static String plural(long count, String noun) {
    return String.format(Locale.ROOT, "%,d %s%s", count, noun, count == 1 ? "" : "s");
  }
}
