package dev.coracle.activities.guard;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * One pattern whose value group is replaced. Only the value goes: the key name, the {@code Bearer}
 * word or the PEM armour lines around it stay, so the model still understands the code.
 *
 * <p>The pattern is RE2 (linear time whatever the text: it is written by a web page or a
 * repository, not by us). RE2 has no lookaround, so a rule that must not start inside a longer
 * token consumes the character before its value ({@code (?:\A|[^...])}) and one that must not run
 * into the next token consumes the character after it. The search for the next match starts where
 * the value ended, not where the match did, so that a consumed character is seen again and two
 * values separated by one character are both found.
 *
 * <p>A value may come in alternatives (quoted one way or the other): groups named {@code value},
 * {@code value2}, … are tried in that order, and the first that took part in the match is the
 * value.
 */
final class RedactionRule {

  /**
   * A match before it is accepted.
   *
   * @param text the whole text searched
   * @param value the text of the value group
   */
  record Candidate(String text, Matcher match, String value) {}

  static final String VALUE = "value";
  private static final String ALREADY_REDACTED = "[REDACTED:";

  private final String kind;
  private final Pattern pattern;
  private final Predicate<Candidate> accept;
  private final List<Integer> valueGroups;

  /**
   * @param accept a further check on a match (a Luhn check, a name that is not secret after all)
   */
  RedactionRule(String kind, Pattern pattern, Predicate<Candidate> accept) {
    this.kind = kind;
    this.pattern = pattern;
    this.accept = accept;
    this.valueGroups =
        pattern.namedGroups().entrySet().stream()
            .filter(group -> group.getKey().startsWith(VALUE))
            .sorted(Map.Entry.comparingByKey())
            .map(Map.Entry::getValue)
            .toList();
    if (valueGroups.isEmpty()) {
      throw new IllegalArgumentException("rule " + kind + " has no value group");
    }
  }

  RedactionRule(String kind, String regex) {
    this(kind, Pattern.compile(regex), candidate -> true);
  }

  RedactionRule(String kind, String regex, Predicate<Candidate> accept) {
    this(kind, Pattern.compile(regex), accept);
  }

  String kind() {
    return kind;
  }

  Pattern pattern() {
    return pattern;
  }

  /** Replaces every accepted value and adds how many to {@code counts}. */
  String apply(String text, Map<String, Integer> counts) {
    Matcher matcher = pattern.matcher(text);
    StringBuilder out = null;
    int copied = 0;
    int from = 0;
    while (from <= text.length() && matcher.find(from)) {
      int group = valueGroup(matcher);
      int start = group < 0 ? matcher.start() : matcher.start(group);
      int end = group < 0 ? matcher.end() : matcher.end(group);
      // Always forward, also past an empty match.
      from = Math.max(end, matcher.start() + 1);
      if (group < 0 || start < copied) {
        continue;
      }
      String value = text.substring(start, end);
      // A value an earlier rule already replaced is not counted twice.
      if (value.isBlank()
          || value.contains(ALREADY_REDACTED)
          || !accept.test(new Candidate(text, matcher, value))) {
        continue;
      }
      if (out == null) {
        out = new StringBuilder(text.length());
      }
      out.append(text, copied, start).append(Redactor.marker(kind));
      copied = end;
      counts.merge(kind, 1, Integer::sum);
    }
    return out == null ? text : out.append(text, copied, text.length()).toString();
  }

  private int valueGroup(Matcher matcher) {
    for (int group : valueGroups) {
      if (matcher.start(group) >= 0) {
        return group;
      }
    }
    return -1;
  }
}
