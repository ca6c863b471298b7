package dev.coracle.activities.tools.git;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Finds the drivers a repository's configuration defines under names of its own choosing, and the
 * settings that switch each off.
 *
 * <p>A {@code .gitattributes} file (in the tree, or {@code .git/info/attributes}) picks a driver by
 * name — {@code filter=x}, {@code diff=x}, {@code merge=x} — and git then runs the command that
 * configuration gives for that name: {@code filter.x.clean}, {@code .smudge}, {@code .process},
 * {@code diff.x.textconv}, {@code diff.x.command}, {@code merge.x.driver}. Git 2.39 (Debian 12)
 * cannot be told to ignore in-tree attributes ({@code --attr-source} came in 2.40, and only picks
 * another tree), so the commands are neutralised instead: an attribute naming a driver with no
 * command does nothing. Only configuration can give a driver a command, so every name that matters
 * appears in {@code git config --list --includes}, run with the same hardened environment (it
 * follows {@code include.path} and the {@code includeIf} conditions that hold, as the real command
 * will, and runs nothing).
 *
 * <p>The listing is read again with the overrides in place until every driver command is
 * neutralised, so what is checked is what git itself reports, not a reading of its file format: a
 * name git spells differently, an override the environment garbled, an include that appears only
 * later, all show up as a command still set, and git does not run.
 */
final class RepositoryDrivers {

  /** For each section of drivers, the neutral value of each setting that could run something. */
  private static final Map<String, Map<String, String>> NEUTRAL =
      Map.of(
          "filter", Map.of("clean", "", "smudge", "", "process", "", "required", "false"),
          "diff", Map.of("textconv", "", "command", ""),
          "merge", Map.of("driver", ""),
          "difftool", Map.of("cmd", ""),
          "mergetool", Map.of("cmd", ""),
          // A specific protocol's setting beats protocol.allow: each one seen is forbidden too.
          "protocol", Map.of("allow", "never"),
          // Configuration-defined hooks of newer git versions.
          "hook", Map.of("command", ""));

  private RepositoryDrivers() {}

  /**
   * The overrides still needed, given a listing taken with the current ones; empty when every
   * driver's command in it is already neutral.
   *
   * @param listing the output of {@code git config --list --includes -z}
   */
  static Map<String, String> stillNeeded(String listing) {
    Map<String, String> needed = new TreeMap<>();
    effectiveValues(listing)
        .forEach(
            (key, value) -> {
              String neutral = neutralValue(key);
              if (neutral != null && !neutral.equals(value)) {
                needed.put(key, neutral);
              }
            });
    return needed;
  }

  /** What {@code section.name.setting} must be to run nothing; null for any other key. */
  private static String neutralValue(String key) {
    int first = key.indexOf('.');
    int last = key.lastIndexOf('.');
    if (first < 0 || last == first) {
      return null;
    }
    Map<String, String> settings = NEUTRAL.get(key.substring(0, first));
    return settings == null ? null : settings.get(key.substring(last + 1));
  }

  /**
   * The value git uses for each key: the last one set, since git reads its files in order and the
   * command-line scope last. A key without {@code =} in a file is listed without a value.
   */
  static Map<String, String> effectiveValues(String listing) {
    if (listing.indexOf('\uFFFD') >= 0) {
      // Bytes that are not UTF-8 cannot be written back exactly, so their names cannot be matched.
      throw new IllegalArgumentException("the configuration is not valid UTF-8");
    }
    Map<String, String> values = new HashMap<>();
    for (String entry : listing.split("\0")) {
      if (entry.isEmpty()) {
        continue;
      }
      int newline = entry.indexOf('\n');
      if (newline < 0) {
        values.put(entry, "true");
      } else {
        values.put(entry.substring(0, newline), entry.substring(newline + 1));
      }
    }
    return values;
  }
}
