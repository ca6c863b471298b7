package dev.coracle.activities.model;

import dev.coracle.activities.config.ConfigException;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads Ollama-style keep-alive values: {@code 5m}, {@code 300s}, {@code 1h}, {@code 300}, {@code
 * -1}.
 */
final class KeepAlive {
  private static final Pattern VALUE = Pattern.compile("(-?\\d+)\\s*(ms|s|m|h)?");

  private KeepAlive() {}

  /** The duration, or null for blank (Ollama's default); negative means "keep loaded". */
  static Duration parse(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    Matcher matcher = VALUE.matcher(text.trim());
    if (!matcher.matches()) {
      throw new ConfigException(
          "local.ollama.keep-alive must look like 5m, 300s, 1h or -1 (got '" + text + "')");
    }
    long amount = Long.parseLong(matcher.group(1));
    String unit = matcher.group(2) == null ? "s" : matcher.group(2);
    return switch (unit) {
      case "ms" -> Duration.ofMillis(amount);
      case "m" -> Duration.ofMinutes(amount);
      case "h" -> Duration.ofHours(amount);
      default -> Duration.ofSeconds(amount);
    };
  }
}
