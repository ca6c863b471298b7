package dev.coracle.activities.tools.fs;

import dev.coracle.activities.tools.ToolException;
import java.util.regex.Pattern;

/**
 * A glob such as {@code src/**}{@code /*.java}, matched against {@code /}-separated relative paths.
 * Unlike Java's own glob, {@code **}{@code /} also matches no directory at all, as in git and most
 * editors, and a pattern without a {@code /} matches file names at any depth.
 */
final class GlobPattern {

  private final Pattern regex;
  private final boolean nameOnly;

  private GlobPattern(Pattern regex, boolean nameOnly) {
    this.regex = regex;
    this.nameOnly = nameOnly;
  }

  static GlobPattern compile(String glob) {
    String trimmed = glob.strip();
    while (trimmed.startsWith("./")) {
      trimmed = trimmed.substring(2);
    }
    if (trimmed.isEmpty()) {
      throw new ToolException("The glob pattern is empty.");
    }
    return new GlobPattern(Pattern.compile(toRegex(trimmed)), !trimmed.contains("/"));
  }

  boolean matches(String relativePath) {
    String subject =
        nameOnly ? relativePath.substring(relativePath.lastIndexOf('/') + 1) : relativePath;
    return regex.matcher(subject).matches();
  }

  private static String toRegex(String glob) {
    StringBuilder regex = new StringBuilder();
    int braces = 0;
    for (int i = 0; i < glob.length(); i++) {
      char c = glob.charAt(i);
      if (glob.startsWith("**/", i)) {
        regex.append("(?:.*/)?");
        i += 2;
      } else if (glob.startsWith("**", i)) {
        regex.append(".*");
        i++;
      } else if (c == '*') {
        regex.append("[^/]*");
      } else if (c == '?') {
        regex.append("[^/]");
      } else if (c == '{') {
        regex.append("(?:");
        braces++;
      } else if (c == '}' && braces > 0) {
        regex.append(')');
        braces--;
      } else if (c == ',' && braces > 0) {
        regex.append('|');
      } else if (c == '[') {
        int end = glob.indexOf(']', i + 1);
        if (end < 0) {
          throw new ToolException("The glob pattern has an unclosed '['.");
        }
        String set = glob.substring(i + 1, end);
        regex.append('[').append(set.startsWith("!") ? "^" + set.substring(1) : set).append(']');
        i = end;
      } else {
        regex.append(Pattern.quote(String.valueOf(c)));
      }
    }
    if (braces > 0) {
      throw new ToolException("The glob pattern has an unclosed '{'.");
    }
    return regex.toString();
  }
}
