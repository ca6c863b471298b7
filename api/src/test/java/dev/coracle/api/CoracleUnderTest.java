package dev.coracle.api;

import dev.coracle.activities.config.ConfigLoader;
import dev.coracle.activities.config.LoadedConfig;
import dev.coracle.api.server.CoracleServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * A whole coracle ({@code serve} role) started in this JVM on free ports, with a temporary home and
 * the given {@code coracle.yml}: real embedded Temporal, real SQLite, real HTTP.
 */
public final class CoracleUnderTest implements AutoCloseable {
  private final CoracleServer server;
  final Path home;

  private CoracleUnderTest(CoracleServer server, Path home) {
    this.server = server;
    this.home = home;
  }

  public static CoracleUnderTest start(Path home, String yaml) {
    return start(home, yaml, Map.of());
  }

  public static CoracleUnderTest start(Path home, String yaml, Map<String, String> extraEnv) {
    try {
      Files.createDirectories(home);
      Files.writeString(home.resolve("coracle.yml"), yaml);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Map<String, String> env = new HashMap<>(extraEnv);
    // A test that must know the port before start (to name it in the config) passes its own.
    env.putIfAbsent("CORACLE_SERVER_PORT", "0");
    env.putIfAbsent("CORACLE_TEMPORAL_EMBEDDED_PORT", "0");
    // Most tests check single answers for every class; the job tests turn chat jobs back on.
    env.putIfAbsent("CORACLE_JOBS_FROM_CHAT", "false");
    // Tests make their workspaces in temporary directories; the default root is the user's home.
    env.putIfAbsent("CORACLE_JOBS_WORKSPACE_ROOTS", System.getProperty("java.io.tmpdir"));
    LoadedConfig loaded = ConfigLoader.load(home, env);
    return new CoracleUnderTest(CoracleServer.start(loaded), home);
  }

  /** A config whose local Ollama is the given fake, plus any extra YAML (providers, chat). */
  static String withOllama(String ollamaBaseUrl, String reasoningModel, String extra) {
    return """
        local:
          ollama:
            base-url: "%s"
            reasoning-model: "%s"
            coder-model: "%s"
            timeout-seconds: 20
        %s
        """
        .formatted(ollamaBaseUrl, reasoningModel, reasoningModel, extra);
  }

  /** A config with local Ollama switched off and only the given providers. */
  public static String cloudOnly(String providersYaml) {
    return """
        local:
          ollama:
            enabled: false
        %s
        """
        .formatted(providersYaml);
  }

  public static String openAiProvider(String name, String baseUrl, String... models) {
    return """
          - name: %s
            kind: openai-compatible
            base-url: "%s"
            api-key: "${FAKE_KEY:test-key}"
            timeout-seconds: 10
            models: [%s]
        """
        .formatted(name, baseUrl, String.join(", ", models));
  }

  /** The URL of a path on this coracle, e.g. {@code /api/jobs}. */
  public String url(String path) {
    return baseUrl() + path;
  }

  /** A bean of the running server, e.g. the job store. */
  public <T> T bean(Class<T> type) {
    return server.context().getBean(type);
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + server.httpPort();
  }

  public CoracleServer server() {
    return server;
  }

  @Override
  public void close() {
    server.close();
  }
}
