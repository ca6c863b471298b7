package dev.coracle.activities.providers;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The value formats rate-limit headers and bodies use: durations, epochs and dates. */
final class RateLimitValues {

  /** A Go duration ({@code 6m0s}, {@code 1.5s}, {@code 20ms}), as OpenAI and Groq send resets. */
  private static final Pattern DURATION_PART =
      Pattern.compile("(\\d+(?:\\.\\d+)?)(ns|us|µs|ms|h|m|s)");

  static final Pattern NUMBER = Pattern.compile("\\d+(?:\\.\\d+)?");

  /** Epoch values below these are durations; above, moments (ms first: it is the larger). */
  private static final double EPOCH_MILLIS_FLOOR = 1e12;

  private static final double EPOCH_SECONDS_FLOOR = 1e9;

  private RateLimitValues() {}

  /**
   * A Go or protobuf duration: {@code 6m0s}, {@code 1.5s}, {@code 20ms}, {@code 1h2m3.5s}, {@code
   * 41s}.
   *
   * @return null when the text is no such duration
   */
  static Duration parseDuration(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    String value = text.trim();
    Matcher part = DURATION_PART.matcher(value);
    long nanos = 0;
    int at = 0;
    while (part.find() && part.start() == at) {
      double amount = Double.parseDouble(part.group(1));
      nanos += Math.round(amount * nanosPer(part.group(2)));
      at = part.end();
    }
    return at == value.length() && at > 0 ? Duration.ofNanos(nanos) : null;
  }

  /**
   * When a window resets: a duration from now ({@code 6m0s}, or bare seconds such as {@code
   * 33011.38}), epoch seconds or milliseconds, an ISO-8601 instant or an HTTP date.
   *
   * @return null when the text is none of these
   */
  static Instant parseReset(String text, Instant now) {
    if (text == null || text.isBlank()) {
      return null;
    }
    String value = text.trim();
    if (NUMBER.matcher(value).matches()) {
      double number = Double.parseDouble(value);
      if (number >= EPOCH_MILLIS_FLOOR) {
        return Instant.ofEpochMilli((long) number);
      }
      if (number >= EPOCH_SECONDS_FLOOR) {
        return Instant.ofEpochSecond((long) number);
      }
      return now.plusNanos(Math.round(number * 1e9));
    }
    Duration duration = parseDuration(value);
    if (duration != null) {
      return now.plus(duration);
    }
    return parseDate(value);
  }

  /**
   * {@code retry-after}: seconds, or an HTTP date. A date in the past means "now", not a negative
   * wait.
   *
   * @return null when the text is neither
   */
  static Duration parseRetryAfter(String text, Instant now) {
    if (text == null || text.isBlank()) {
      return null;
    }
    String value = text.trim();
    if (NUMBER.matcher(value).matches()) {
      return Duration.ofNanos(Math.round(Double.parseDouble(value) * 1e9));
    }
    Instant at = parseDate(value);
    if (at == null) {
      return null;
    }
    Duration wait = Duration.between(now, at);
    return wait.isNegative() ? Duration.ZERO : wait;
  }

  static Instant parseDate(String value) {
    try {
      return ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
    } catch (RuntimeException notHttpDate) {
      // Fall through to ISO-8601.
    }
    try {
      return OffsetDateTime.parse(value).toInstant();
    } catch (RuntimeException notIso) {
      return null;
    }
  }

  static Integer integer(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      long value = Long.parseLong(text.trim());
      return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, value));
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static long nanosPer(String unit) {
    return switch (unit) {
      case "ns" -> 1L;
      case "us", "µs" -> 1_000L;
      case "ms" -> 1_000_000L;
      case "s" -> 1_000_000_000L;
      case "m" -> 60_000_000_000L;
      default -> 3_600_000_000_000L;
    };
  }
}
