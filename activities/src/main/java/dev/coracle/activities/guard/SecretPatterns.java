package dev.coracle.activities.guard;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The secrets coracle recognises by shape, in the order they are tried: the most specific first, so
 * a key in a {@code .env} line is reported as what it is ({@code openai_key}), not just as an
 * assignment.
 */
final class SecretPatterns {

  /**
   * Not inside a longer token: keeps {@code risk-assessment-...} from reading as {@code sk-...}.
   * RE2 has no lookbehind, so the character before is consumed instead (see {@link RedactionRule}).
   */
  private static final String START = "(?:\\A|[^A-Za-z0-9_-])";

  /** Names that sound secret, for assignments in code, JSON, YAML and properties files. */
  private static final String SECRET_WORD =
      "(?:api[_-]?key|secret|token|password|passwd|access[_-]?key|private[_-]?key)";

  /** {@code *_KEY} names that are no secret (database and cache keys, public keys). */
  private static final Set<String> PLAIN_KEY_NAMES =
      Set.of(
          "PRIMARY_KEY",
          "FOREIGN_KEY",
          "PUBLIC_KEY",
          "SORT_KEY",
          "CACHE_KEY",
          "PARTITION_KEY",
          "HASH_KEY",
          "RANGE_KEY",
          "ROUTING_KEY",
          "LOOKUP_KEY",
          "OBJECT_KEY",
          "IDEMPOTENCY_KEY");

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
          new RedactionRule("anthropic_key", START + "(?P<value>sk-ant-[A-Za-z0-9_-]{20,})"),
          // The greedy run ends where the token does; a key always has a digit somewhere.
          new RedactionRule(
              "openai_key",
              START + "(?P<value>sk-[A-Za-z0-9_-]{20,})",
              (value, match) -> value.chars().anyMatch(Character::isDigit)),
          new RedactionRule("groq_key", START + "(?P<value>gsk_[A-Za-z0-9]{20,})"),
          new RedactionRule("google_key", START + "(?P<value>AIza[0-9A-Za-z_-]{35})"),
          new RedactionRule(
              "github_token",
              START + "(?P<value>(?:gh[pousr]_[A-Za-z0-9]{30,}|github_pat_[A-Za-z0-9_]{22,}))"),
          new RedactionRule("slack_token", START + "(?P<value>xox[abpr]-[A-Za-z0-9-]{10,})"),
          new RedactionRule(
              "aws_access_key", START + "(?P<value>(?:AKIA|ASIA)[0-9A-Z]{16})(?:[^0-9A-Za-z]|\\z)"),
          new RedactionRule(
              "aws_secret_key",
              "(?i)aws_secret_access_key[\"']?\\s*[:=]\\s*[\"']?(?P<value>[A-Za-z0-9/+=]{40})"),
          new RedactionRule(
              "stripe_key", START + "(?P<value>(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{16,})"),
          new RedactionRule("huggingface_token", START + "(?P<value>hf_[A-Za-z0-9]{30,})"),
          new RedactionRule(
              "jwt",
              START + "(?P<value>eyJ[A-Za-z0-9_-]{8,}\\.eyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{8,})"),
          new RedactionRule("bearer_token", "(?i)\\bbearer\\s+(?P<value>[A-Za-z0-9._~+/-]{16,}=*)"),
          new RedactionRule(
              "basic_auth",
              "(?i)\\bauthorization[\"']?\\s*[:=]\\s*[\"']?basic\\s+(?P<value>[A-Za-z0-9+/]{8,}=*)"),
          // scheme://user:password@host, as in DATABASE_URL or a git remote with a token.
          new RedactionRule(
              "url_password", "(?i)\\b[a-z][a-z0-9+.-]*://[^\\s:/@\"']+:(?P<value>[^\\s@/\"'$]+)@"),
          // NAME=value where the rest of the line is the value: a .env file, `export`, `env`
          // output, and the same line behind a prefix (grep's `path:12: `, a diff's `+`, a line
          // number, a YAML list's `- `). The name is upper case.
          new RedactionRule(
              "env_secret",
              "(?m)(?:^|[^A-Za-z0-9_])(?P<name>[A-Z0-9_]*(?:_KEY|_TOKEN|SECRET|PASSWORD|PASSWD"
                  + "|_PASS|_PWD|_CREDENTIALS))[ \\t]*=[ \\t]*"
                  + "(?:\"(?P<value>[^\"\\n]*)\"|'(?P<value2>[^'\\n]*)'"
                  + "|(?P<value3>[^\\s\"'`(){}\\[\\]<>;,$#][^\\s\"'`(){}\\[\\]<>;,]*))"
                  + "[\"']?,?[ \\t]*(?:#|\\r?$)",
              (value, match) -> secretName(match.group("name")) && !value.startsWith("$")),
          // A string literal assigned to a secret-sounding name in code, JSON or YAML.
          new RedactionRule(
              "secret_literal",
              "(?i)[A-Za-z0-9_.-]*"
                  + SECRET_WORD
                  + "[\"']?\\s*(?::=|=>|[:=])\\s*"
                  + "(?:\"(?P<value>[^\"'\\s$]{8,})\"|'(?P<value2>[^\"'\\s$]{8,})')"),
          // An unquoted value after a secret-sounding key that ends the line: YAML
          // (`password: hunter22`) or a properties file (`db.password=hunter22`).
          new RedactionRule(
              "config_secret",
              "(?im)(?:^|[^A-Za-z0-9_.-])[A-Za-z0-9_.-]*"
                  + SECRET_WORD
                  + "(?:[ \\t]*:[ \\t]+|=)"
                  + "(?P<value>[^\\s\"'`(){}\\[\\]<>;,$&*!|>%#@][^\\s\"'`(){}\\[\\]<>;,#]{7,})"
                  + "[ \\t]*(?:#|\\r?$)",
              (value, match) -> !NOT_A_VALUE.contains(value.toLowerCase(Locale.ROOT))));

  private SecretPatterns() {}

  private static boolean secretName(String name) {
    return PLAIN_KEY_NAMES.stream()
        .noneMatch(plain -> name.equals(plain) || name.endsWith("_" + plain));
  }
}
