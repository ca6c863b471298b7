package dev.coracle.activities.guard;

import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;

/**
 * The secrets coracle recognises by shape, in the order they are tried: the most specific first, so
 * a key in a {@code .env} line is reported as what it is ({@code openai_key}), not just as an
 * assignment.
 */
final class SecretPatterns {

  /**
   * Not inside a longer token: keeps {@code risk-assessment-...} from reading as {@code sk-...}.
   */
  private static final String START = "(?<![A-Za-z0-9_-])";

  private static final String END = "(?![A-Za-z0-9_-])";

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

  static final List<RedactionRule> SHAPES =
      List.of(
          // Armour lines stay; the body goes, also when a size cap cut the END line off.
          new RedactionRule(
              "private_key",
              "-----BEGIN ((?:[A-Z0-9]+ )*)PRIVATE KEY-----\\r?\\n?(?<value>[\\s\\S]*?)\\r?\\n?"
                  + "(?=-----END \\1PRIVATE KEY-----|[\"'`]|\\z)"),
          new RedactionRule("anthropic_key", START + "(?<value>sk-ant-[A-Za-z0-9_-]{20,})"),
          new RedactionRule(
              "openai_key", START + "(?<value>sk-(?=[A-Za-z0-9_-]*[0-9])[A-Za-z0-9_-]{20,})" + END),
          new RedactionRule("groq_key", START + "(?<value>gsk_[A-Za-z0-9]{20,})"),
          new RedactionRule("google_key", START + "(?<value>AIza[0-9A-Za-z_-]{35})"),
          new RedactionRule(
              "github_token",
              START + "(?<value>(?:gh[pousr]_[A-Za-z0-9]{30,}|github_pat_[A-Za-z0-9_]{22,}))"),
          new RedactionRule("slack_token", START + "(?<value>xox[abpr]-[A-Za-z0-9-]{10,})"),
          new RedactionRule(
              "aws_access_key", START + "(?<value>(?:AKIA|ASIA)[0-9A-Z]{16})(?![0-9A-Za-z])"),
          new RedactionRule(
              "aws_secret_key",
              "(?i)aws_secret_access_key[\"']?\\s*[:=]\\s*[\"']?(?<value>[A-Za-z0-9/+=]{40})"),
          new RedactionRule(
              "stripe_key", START + "(?<value>(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{16,})"),
          new RedactionRule("huggingface_token", START + "(?<value>hf_[A-Za-z0-9]{30,})"),
          new RedactionRule(
              "jwt",
              START + "(?<value>eyJ[A-Za-z0-9_-]{8,}\\.eyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{8,})"),
          new RedactionRule("bearer_token", "(?i)\\bbearer\\s+(?<value>[A-Za-z0-9._~+/-]{16,}=*)"),
          new RedactionRule(
              "basic_auth",
              "(?i)\\bauthorization[\"']?\\s*[:=]\\s*[\"']?basic\\s+(?<value>[A-Za-z0-9+/]{8,}=*)"),
          // scheme://user:password@host, as in DATABASE_URL or a git remote with a token.
          new RedactionRule(
              "url_password", "(?i)\\b[a-z][a-z0-9+.-]*://[^\\s:/@\"']+:(?<value>[^\\s@/\"'$]+)@"),
          // A .env or shell line: the whole line is NAME=value, the name upper case.
          new RedactionRule(
              "env_secret",
              "(?m)^[ \\t]*(?:export[ \\t]+)?(?<name>[A-Z0-9_]*(?:_KEY|_TOKEN|SECRET|PASSWORD"
                  + "|PASSWD|_PASS|_PWD|_CREDENTIALS))[ \\t]*=[ \\t]*(?<quote>[\"']?)"
                  + "(?<value>[^\\s\"'#(){}\\[\\]<>$;,]+)\\k<quote>[ \\t]*(?:#.*)?$",
              SecretPatterns::secretName),
          // A string literal assigned to a secret-sounding name in code, JSON or YAML.
          new RedactionRule(
              "secret_literal",
              "(?i)(?<![A-Za-z0-9])[A-Za-z0-9_.-]*(?:api[_-]?key|secret|token|password|passwd"
                  + "|access[_-]?key|private[_-]?key)[\"']?\\s*(?::=|=>|[:=])\\s*(?<quote>[\"'])"
                  + "(?<value>[^\"'\\s$]{8,})\\k<quote>"));

  private SecretPatterns() {}

  private static boolean secretName(Matcher match) {
    String name = match.group("name");
    return PLAIN_KEY_NAMES.stream()
        .noneMatch(plain -> name.equals(plain) || name.endsWith("_" + plain));
  }
}
