package dev.coracle.activities.guard;

import java.util.Map;
import java.util.TreeMap;

/**
 * A text after redaction and how many values of each kind were replaced.
 *
 * @param counts kind (e.g. {@code openai_key}) to the number of values replaced, sorted by kind
 */
public record Redacted(String text, Map<String, Integer> counts) {

  public Redacted {
    counts = Map.copyOf(counts);
  }

  /** The text unchanged: nothing was found. */
  public static Redacted untouched(String text) {
    return new Redacted(text, Map.of());
  }

  public int total() {
    return counts.values().stream().mapToInt(Integer::intValue).sum();
  }

  /** The counts as {@code kind=n, kind=n}, sorted by kind; what the audit row keeps. */
  public String summary() {
    return summary(counts);
  }

  static String summary(Map<String, Integer> counts) {
    StringBuilder text = new StringBuilder();
    new TreeMap<>(counts)
        .forEach((kind, n) -> text.append(text.isEmpty() ? "" : ", ").append(kind + "=" + n));
    return text.toString();
  }
}
