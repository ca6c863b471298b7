package dev.coracle.api.security;

import dev.coracle.activities.config.ConfigLoader;
import dev.coracle.activities.config.CoracleHome;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The API key a command sends to a running coracle: {@code server.api-key} of the configuration
 * that coracle reads, from the same home and environment, so a client needs no second setting.
 */
public final class ClientKey {
  private ClientKey() {}

  /**
   * @param home the coracle home given on the command line, or null for {@code $CORACLE_HOME}
   * @return the key, or empty when none is configured
   * @throws dev.coracle.activities.config.ConfigException when the configuration is unreadable
   */
  public static Optional<String> load(Path home, Map<String, String> env) {
    Path coracleHome = home != null ? home.toAbsolutePath() : CoracleHome.resolve(env);
    String key = ConfigLoader.load(coracleHome, env).config().server().apiKey();
    return key == null || key.isBlank() ? Optional.empty() : Optional.of(key);
  }

  /** The header that carries the key, as OpenAI clients send it. */
  public static String authorization(String key) {
    return "Bearer " + key;
  }
}
