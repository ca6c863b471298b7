package dev.coracle.activities.guard;

import java.util.Set;

/**
 * The name in an environment-style assignment ({@code DB_PASSWORD=…}): upper case, and not one of
 * the {@code *_KEY} names that hold no secret. The rule's pattern starts at the name's secret
 * ending; the rest of the name is read back from the text here.
 */
final class EnvName {

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

  private EnvName() {}

  /**
   * True when the whole name before {@code =} is upper case (a lower-case letter before it makes it
   * code, e.g. {@code myDB_PASSWORD}) and is not a plain key name. The name runs back only to the
   * previous character that cannot be part of it, and the value that follows always ends in such a
   * character, so the names of successive matches never overlap and reading them stays linear.
   */
  static boolean isSecret(RedactionRule.Candidate found) {
    String text = found.text();
    int end = found.match().end("ending");
    int start = found.match().start("ending");
    while (start > 0 && isNameChar(text.charAt(start - 1))) {
      start--;
    }
    if (start > 0 && text.charAt(start - 1) >= 'a' && text.charAt(start - 1) <= 'z') {
      return false;
    }
    String name = text.substring(start, end);
    return PLAIN_KEY_NAMES.stream()
        .noneMatch(plain -> name.equals(plain) || name.endsWith("_" + plain));
  }

  private static boolean isNameChar(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
  }
}
