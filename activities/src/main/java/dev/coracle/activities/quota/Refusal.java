package dev.coracle.activities.quota;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/**
 * Why a call may not be made now.
 *
 * @param retryAt null when waiting does not help
 */
record Refusal(String reason, Instant retryAt) {

  /** The refusal that holds longest: one that waiting does not lift, else the latest retry. */
  static Refusal longest(List<Refusal> refusals) {
    return refusals.stream()
        .max(
            Comparator.comparing(
                Refusal::retryAt, Comparator.nullsLast(Comparator.<Instant>naturalOrder())))
        .orElse(null);
  }

  /** "resets in 41 s", rounded up to whole seconds. */
  static String resetsIn(Instant now, Instant at) {
    return "resets in " + human(Duration.between(now, at));
  }

  static String human(Duration duration) {
    long seconds = Math.max(0, (duration.toMillis() + 999) / 1000);
    if (seconds < 60) {
      return seconds + " s";
    }
    long minutes = seconds / 60;
    if (minutes < 60) {
      long rest = seconds % 60;
      return rest == 0 ? minutes + " min" : minutes + " min " + rest + " s";
    }
    long hours = minutes / 60;
    long rest = minutes % 60;
    return rest == 0 ? hours + " h" : hours + " h " + rest + " min";
  }
}
