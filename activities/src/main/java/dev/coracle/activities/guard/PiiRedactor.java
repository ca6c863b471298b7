package dev.coracle.activities.guard;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds personal data: e-mail addresses, phone numbers and payment card numbers. Opt-in ({@code
 * guard.redact-pii}), because addresses and numbers in code are often what the model has to work
 * on.
 */
public final class PiiRedactor implements Redactor {

  /**
   * RE2 has no lookaround: the characters that must not come before or after a value are consumed
   * instead (see {@link RedactionRule}).
   */
  private static final int MIN_CARD_DIGITS = 13;

  private static final int MAX_CARD_DIGITS = 19;

  static final List<RedactionRule> RULES =
      List.of(
          // Cards first: a spaced card number would otherwise read as a phone number.
          // Only the IIN ranges of real cards (2-6), which keeps epoch milliseconds out.
          new RedactionRule(
              "card_number",
              "(?:\\A|[^\\d.-])(?P<value>[2-6]\\d{3}(?:[ -]?\\d){9,})"
                  + "(?:\\z|[^\\d.-]|\\.\\z|\\.[^\\d])",
              found -> luhnCard(found.value())),
          new RedactionRule(
              "email",
              "(?:\\A|[^A-Za-z0-9._%+-])(?P<value>[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+"
                  + "(?:\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,})(?:\\z|[^A-Za-z0-9-])"),
          // International (+CC ...) or North American (555) 123-4567 / 555-123-4567; separators
          // are required, so versions, dates and ids rarely fit, and 9-15 digits are checked.
          new RedactionRule(
              "phone",
              "(?:\\A|[^\\w.+-])(?P<value>\\+\\d{1,3}[ .-]?(?:\\(\\d{1,4}\\)[ .-]?)?\\d{1,4}"
                  + "(?:[ .-]?\\d{2,4}){2,4}|(?:\\(\\d{3}\\)[ ]?|\\d{3}[-. ])\\d{3}[-. ]\\d{4})"
                  + "(?:\\z|[^\\w.-]|\\.\\z|\\.[^\\d])",
              found -> phoneDigits(found.value())));

  @Override
  public Redacted redact(String text) {
    if (text == null || text.isEmpty()) {
      return Redacted.untouched(text);
    }
    Map<String, Integer> counts = new HashMap<>();
    String result = text;
    for (RedactionRule rule : RULES) {
      result = rule.apply(result, counts);
    }
    return new Redacted(result, counts);
  }

  /**
   * 13 to 19 digits that pass the Luhn check. The pattern takes a whole run of digit groups (a
   * bounded count would cost RE2 a state per digit); when the run is longer than a card, the card
   * is its longest part that ends at a space, as in {@code 4111 1111 1111 1111 2028}, and the whole
   * run is replaced.
   */
  private static boolean luhnCard(String value) {
    String digits = digitsOf(value);
    if (digits.length() > MAX_CARD_DIGITS) {
      digits = longestCardBeforeASpace(value);
    }
    return digits.length() >= MIN_CARD_DIGITS
        && digits.length() <= MAX_CARD_DIGITS
        && Luhn.valid(digits);
  }

  private static String longestCardBeforeASpace(String value) {
    StringBuilder digits = new StringBuilder(MAX_CARD_DIGITS);
    String card = "";
    for (int i = 0; i < value.length() && digits.length() <= MAX_CARD_DIGITS; i++) {
      char c = value.charAt(i);
      if (c == ' ' && digits.length() >= MIN_CARD_DIGITS) {
        card = digits.toString();
      } else if (c >= '0' && c <= '9') {
        digits.append(c);
      }
    }
    return card;
  }

  private static boolean phoneDigits(String value) {
    int digits = digitsOf(value).length();
    return digits >= 9 && digits <= 15;
  }

  private static String digitsOf(String value) {
    StringBuilder digits = new StringBuilder(value.length());
    value.chars().filter(c -> c >= '0' && c <= '9').forEach(c -> digits.append((char) c));
    return digits.toString();
  }
}
