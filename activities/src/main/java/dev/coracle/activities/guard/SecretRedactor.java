package dev.coracle.activities.guard;

import com.google.re2j.Pattern;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Finds secrets in text: API keys and tokens by their well-known shapes, private key blocks,
 * credentials in URLs and headers, {@code .env}-style assignments to secret-sounding names, and the
 * values of this process's own secret environment variables wherever they appear.
 */
public final class SecretRedactor implements Redactor {

  /** Shorter values would match ordinary words and numbers all over the text. */
  static final int MIN_ENVIRONMENT_VALUE = 8;

  private static final Pattern SECRET_VARIABLE =
      Pattern.compile(
          "(?:.*_)?(?:KEY|TOKEN|SECRET|PASSWORD|PASSWD|CREDENTIALS?)|.*_(?:PASS|PWD)|.*APIKEY");

  private final List<RedactionRule> rules;

  /**
   * @param environment the process environment ({@code System.getenv()}); the values of variables
   *     whose names look secret, e.g. {@code GROQ_API_KEY}, are redacted by exact match
   */
  public SecretRedactor(Map<String, String> environment) {
    List<RedactionRule> all = new ArrayList<>(environmentRules(environment));
    all.addAll(SecretPatterns.SHAPES);
    this.rules = List.copyOf(all);
  }

  @Override
  public Redacted redact(String text) {
    if (text == null || text.isEmpty()) {
      return Redacted.untouched(text);
    }
    Map<String, Integer> counts = new HashMap<>();
    String result = text;
    for (RedactionRule rule : rules) {
      result = rule.apply(result, counts);
    }
    return new Redacted(result, counts);
  }

  /** Every rule, in the order they are applied. */
  List<RedactionRule> rules() {
    return rules;
  }

  /**
   * The exact values come first: they are certain, and a key with no known shape is caught too.
   * Longer values go before shorter ones so that a value containing another is replaced whole.
   */
  private static List<RedactionRule> environmentRules(Map<String, String> environment) {
    return environment.entrySet().stream()
        .filter(e -> SECRET_VARIABLE.matcher(e.getKey().toUpperCase(Locale.ROOT)).matches())
        .map(Map.Entry::getValue)
        .filter(value -> value != null && value.strip().length() >= MIN_ENVIRONMENT_VALUE)
        .map(String::strip)
        // A path to a key file is no secret, and replacing it would garble every path in the text.
        .filter(value -> !value.startsWith("/") && !value.startsWith("~"))
        .distinct()
        .sorted(Comparator.comparingInt(String::length).reversed())
        .map(value -> new RedactionRule("env_value", "(?P<value>" + Pattern.quote(value) + ")"))
        .toList();
  }
}
