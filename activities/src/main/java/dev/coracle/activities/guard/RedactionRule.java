package dev.coracle.activities.guard;

import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One pattern whose group {@code value} is replaced. Only the value goes: the key name, the {@code
 * Bearer} word or the PEM armour lines around it stay, so the model still understands the code.
 *
 * @param accept a further check on a match (a Luhn check, a name that is not secret after all)
 */
record RedactionRule(String kind, Pattern pattern, Predicate<Matcher> accept) {

  static final String VALUE = "value";
  private static final String ALREADY_REDACTED = "[REDACTED:";

  RedactionRule(String kind, String regex) {
    this(kind, Pattern.compile(regex), match -> true);
  }

  RedactionRule(String kind, String regex, Predicate<Matcher> accept) {
    this(kind, Pattern.compile(regex), accept);
  }

  /** Replaces every accepted value and adds how many to {@code counts}. */
  String apply(String text, Map<String, Integer> counts) {
    Matcher matcher = pattern.matcher(text);
    StringBuilder out = null;
    int copied = 0;
    while (matcher.find()) {
      String value = matcher.group(VALUE);
      // A value an earlier rule already replaced is not counted twice.
      if (value == null || value.isBlank() || value.contains(ALREADY_REDACTED)) {
        continue;
      }
      if (!accept.test(matcher)) {
        continue;
      }
      if (out == null) {
        out = new StringBuilder(text.length());
      }
      out.append(text, copied, matcher.start(VALUE)).append(Redactor.marker(kind));
      copied = matcher.end(VALUE);
      counts.merge(kind, 1, Integer::sum);
    }
    return out == null ? text : out.append(text, copied, text.length()).toString();
  }
}
