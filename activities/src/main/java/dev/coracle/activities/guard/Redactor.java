package dev.coracle.activities.guard;

/** Replaces one family of sensitive values in a text with {@code [REDACTED:<kind>]}. */
public interface Redactor {

  /** The marker a value of {@code kind} is replaced with. */
  static String marker(String kind) {
    return "[REDACTED:" + kind + "]";
  }

  Redacted redact(String text);
}
