package dev.coracle.activities.status;

import java.time.Duration;
import java.time.Instant;

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
    return grouped(count) + " " + noun + (count == 1 ? "" : "s");
  }

  /**
   * {@code count} with a comma between groups of three digits, as {@code %,d} in the root locale
   * writes it. Built by hand: {@link String#format} parses its pattern with a regular expression on
   * every call, which was a tenth of a status answer's CPU.
   */
  static String grouped(long count) {
    String digits = Long.toString(count);
    int sign = count < 0 ? 1 : 0;
    int length = digits.length() - sign;
    if (length <= 3) {
      return digits;
    }
    StringBuilder text = new StringBuilder(digits.length() + length / 3).append(digits, 0, sign);
    for (int i = 0; i < length; i++) {
      if (i > 0 && (length - i) % 3 == 0) {
        text.append(',');
      }
      text.append(digits.charAt(sign + i));
    }
    return text.toString();
  }
}
