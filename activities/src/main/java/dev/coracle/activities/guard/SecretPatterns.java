package dev.coracle.activities.guard;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The secrets coracle recognises by shape, in the order they are tried: the most specific first, so
 * a key in a {@code .env} line is reported as what it is ({@code openai_key}), not just as an
 * assignment.
 */
final class SecretPatterns {

  /**
   * Not inside a longer token: keeps {@code risk-assessment-...} from reading as {@code sk-...}.
   * Checked in code rather than in the pattern, so that the pattern starts with its literal prefix
   * and RE2 can skip to it. A rejected match loses nothing: every character of a token value is a
   * token character, so any match starting inside it would be rejected too.
   */
  private static final Predicate<RedactionRule.Candidate> START = SecretPatterns::tokenStart;

  /** Names that sound secret, for assignments in code, JSON, YAML and properties files. */
  private static final String SECRET_WORD =
      "(?:api[_-]?key|secret|token|password|passwd|access[_-]?key|private[_-]?key)";

  /** Words that follow {@code password:} in code as types or schema keywords, not as values. */
  private static final Set<String> NOT_A_VALUE =
      Set.of("required", "optional", "password", "undefined", "nullable", "readonly", "sensitive");

  static final List<RedactionRule> SHAPES =
      List.of(
          // Armour lines stay; the body goes, also when a size cap cut the END line off.
          new RedactionRule(
              "private_key",
              "-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY-----\\r?\\n?(?P<value>[^\"'`]*?)\\r?\\n?"
                  + "(?:-----END |[\"'`]|\\z)"),
          new RedactionRule("anthropic_key", "(?P<value>sk-ant-[A-Za-z0-9_-]{20,})", START),
          // The greedy run ends where the token does; a key always has a digit somewhere.
          new RedactionRule(
              "openai_key",
              "(?P<value>sk-[A-Za-z0-9_-]{20,})",
              START.and(found -> found.value().chars().anyMatch(Character::isDigit))),
          new RedactionRule("groq_key", "(?P<value>gsk_[A-Za-z0-9]{20,})", START),
          new RedactionRule("google_key", "(?P<value>AIza[0-9A-Za-z_-]{35})", START),
          new RedactionRule(
              "github_token",
              "(?P<value>(?:gh[pousr]_[A-Za-z0-9]{30,}|github_pat_[A-Za-z0-9_]{22,}))",
              START),
          new RedactionRule("slack_token", "(?P<value>xox[abpr]-[A-Za-z0-9-]{10,})", START),
          new RedactionRule(
              "aws_access_key", "(?P<value>(?:AKIA|ASIA)[0-9A-Z]{16})(?:[^0-9A-Za-z]|\\z)", START),
          new RedactionRule(
              "aws_secret_key",
              "(?i)aws_secret_access_key[\"']?\\s*[:=]\\s*[\"']?(?P<value>[A-Za-z0-9/+=]{40})"),
          new RedactionRule(
              "stripe_key", "(?P<value>(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{16,})", START),
          new RedactionRule("huggingface_token", "(?P<value>hf_[A-Za-z0-9]{30,})", START),
          new RedactionRule(
              "jwt",
              "(?P<value>eyJ[A-Za-z0-9_-]{8,}\\.eyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{8,})",
              START),
          new RedactionRule("bearer_token", "(?i)\\bbearer\\s+(?P<value>[A-Za-z0-9._~+/-]{16,}=*)"),
          new RedactionRule(
              "basic_auth",
              "(?i)\\bauthorization[\"']?\\s*[:=]\\s*[\"']?basic\\s+(?P<value>[A-Za-z0-9+/]{8,}=*)"),
          // scheme://user:password@host, as in DATABASE_URL or a git remote with a token.
          new RedactionRule(
              "url_password", "(?i)\\b[a-z][a-z0-9+.-]*://[^\\s:/@\"']+:(?P<value>[^\\s@/\"'$]+)@"),
          // NAME=value where the rest of the line is the value: a .env file, `export`, `env`
          // output, and the same line behind a prefix (grep's `path:12: `, a diff's `+`, a line
          // number, a YAML list's `- `). The pattern starts at the name's secret ending, which
          // keeps RE2's work per character small; the rest of the name is read back in code.
          new RedactionRule(
              "env_secret",
              "(?m)(?P<ending>_KEY|_TOKEN|SECRET|PASSWORD|PASSWD|_PASS|_PWD|_CREDENTIALS)"
                  + "[ \\t]*=[ \\t]*"
                  + "(?:\"(?P<value>[^\"\\n]*)\"|'(?P<value2>[^'\\n]*)'"
                  + "|(?P<value3>[^\\s\"'`(){}\\[\\]<>;,$#][^\\s\"'`(){}\\[\\]<>;,]*))"
                  + "[\"']?,?[ \\t]*(?:#|\\r?$)",
              found -> !found.value().startsWith("$") && EnvName.isSecret(found)),
          // A string literal assigned to a secret-sounding name in code, JSON or YAML.
          new RedactionRule(
              "secret_literal",
              "(?i)"
                  + SECRET_WORD
                  + "[\"']?\\s*(?::=|=>|[:=])\\s*"
                  + "(?:\"(?P<value>[^\"'\\s$]{8,})\"|'(?P<value2>[^\"'\\s$]{8,})')"),
          // An unquoted value after a secret-sounding key that ends the line: YAML
          // (`password: hunter22`) or a properties file (`db.password=hunter22`).
          new RedactionRule(
              "config_secret",
              "(?im)"
                  + SECRET_WORD
                  + "(?:[ \\t]*:[ \\t]+|=)"
                  + "(?P<value>[^\\s\"'`(){}\\[\\]<>;,$&*!|>%#@][^\\s\"'`(){}\\[\\]<>;,#]{7,})"
                  + "[ \\t]*(?:#|\\r?$)",
              found -> !NOT_A_VALUE.contains(found.value().toLowerCase(Locale.ROOT))));

  private SecretPatterns() {}

  private static boolean tokenStart(RedactionRule.Candidate found) {
    int start = found.match().start() - 1;
    if (start < 0) {
      return true;
    }
    char c = found.text().charAt(start);
    boolean token =
        (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
    return !token && c != '-';
  }
}
