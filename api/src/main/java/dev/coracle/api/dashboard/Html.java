package dev.coracle.api.dashboard;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Text made safe for HTML, and the few formats every page shares. Every value that came from a
 * user, a model or a tool passes {@link #esc} before it reaches a page.
 */
final class Html {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

  private Html() {}

  /** {@code text} with the five characters that mean something in HTML escaped; "" for null. */
  static String esc(Object value) {
    if (value == null) {
      return "";
    }
    String text = value.toString();
    StringBuilder out = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  /** A time as UTC, e.g. {@code 2026-12-05 08:00:01Z}, in a {@code <time>} element; "" for 0. */
  static String time(long epochMillis) {
    if (epochMillis <= 0) {
      return "";
    }
    Instant at = Instant.ofEpochMilli(epochMillis);
    return "<time datetime=\"" + at + "\">" + TIME.format(at) + "</time>";
  }

  /** A duration a person reads: {@code 850 ms}, {@code 3.5 s}, {@code 2 min 5 s}. */
  static String duration(long millis) {
    if (millis < 1000) {
      return millis + " ms";
    }
    if (millis < 60_000) {
      return String.format("%.1f s", millis / 1000.0);
    }
    Duration d = Duration.ofMillis(millis);
    return d.toMinutes() + " min " + d.toSecondsPart() + " s";
  }

  /** A count with thousands separators. */
  static String count(long n) {
    return String.format("%,d", n);
  }

  /** A status word as a badge; the class only picks a colour, the word itself is the meaning. */
  static String badge(String status) {
    String word = status == null ? "unknown" : status;
    return "<span class=\"badge badge-"
        + esc(word.replaceAll("[^a-z_]", ""))
        + "\">"
        + esc(word)
        + "</span>";
  }

  /** {@code text} cut to {@code max} characters, with a mark where it was cut. */
  static String cut(String text, int max) {
    if (text == null) {
      return "";
    }
    return text.length() <= max ? text : text.substring(0, max) + "… (" + text.length() + " chars)";
  }

  /** One name and value of a facts list ({@code <dl class="facts">}); the value is HTML. */
  static void fact(StringBuilder html, String name, String valueHtml) {
    html.append("<div><dt>")
        .append(name)
        .append("</dt><dd>")
        .append(valueHtml)
        .append("</dd></div>");
  }

  /**
   * Time left as the page's script also writes it: {@code in 42 s}, {@code in 5 min}, {@code now}.
   */
  static String countdown(long seconds) {
    if (seconds <= 0) {
      return "now";
    }
    if (seconds < 120) {
      return "in " + seconds + " s";
    }
    long minutes = Math.round(seconds / 60.0);
    return minutes < 120
        ? "in " + minutes + " min"
        : "in " + minutes / 60 + " h " + minutes % 60 + " min";
  }
}
