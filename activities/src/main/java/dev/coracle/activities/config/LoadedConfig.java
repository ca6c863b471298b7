package dev.coracle.activities.config;

import java.nio.file.Path;
import java.util.Map;

/**
 * A loaded configuration and where it came from.
 *
 * @param unsetVariables config path to the environment variable it referred to but that is not set,
 *     e.g. {@code providers.groq.api-key -> GROQ_API_KEY}
 */
public record LoadedConfig(
    CoracleConfig config, Path home, Path file, Map<String, String> unsetVariables) {

  /** The SQLite database file. */
  public Path databaseFile() {
    String path = config.store().path();
    return path == null || path.isBlank() ? home.resolve("coracle.db") : Path.of(path);
  }

  /** The environment variable a provider's API key should come from, when it is not set. */
  public String unsetApiKeyVariable(String providerName) {
    return unsetVariables.get("providers." + providerName + ".api-key");
  }
}
