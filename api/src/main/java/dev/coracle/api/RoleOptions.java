package dev.coracle.api;

import dev.coracle.activities.config.ConfigLoader;
import dev.coracle.activities.config.CoracleHome;
import dev.coracle.activities.config.LoadedConfig;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The options every role shares: where its home is, which Temporal it uses and how it reaches it,
 * its store and its host id. Each becomes the {@code CORACLE_*} variable of its config key, so the
 * command line wins over the environment, which wins over the file. The Temporal API key has no
 * option, so it never shows in a process list: set {@code CORACLE_TEMPORAL_API_KEY}.
 */
final class RoleOptions {
  @Option(names = "--home", description = "Coracle home (default: $CORACLE_HOME or ~/.coracle).")
  Path home;

  @Option(names = "--temporal", description = "HOST:PORT of an existing Temporal cluster.")
  String temporal;

  @Option(names = "--namespace", description = "Temporal namespace (default: default).")
  String namespace;

  @Option(
      names = "--tls-cert",
      description = "Client certificate (PEM) for mTLS to Temporal; needs --tls-key.")
  Path tlsCert;

  @Option(names = "--tls-key", description = "Client key (PEM, PKCS#8) for mTLS to Temporal.")
  Path tlsKey;

  @Option(names = "--tls-ca", description = "CA certificate (PEM) that signed Temporal's.")
  Path tlsCa;

  @Option(
      names = "--store",
      description =
          "The store: a SQLite file, jdbc:sqlite:FILE, or a JDBC URL such as"
              + " jdbc:postgresql://HOST/DB (store.url).")
  String store;

  @Option(
      names = "--host-id",
      description = "This machine's name in queue names (worker.host-id; default: the hostname).")
  String hostId;

  /** The configuration these options, the environment and the file make together. */
  LoadedConfig load(Map<String, String> extra) {
    Map<String, String> env = new HashMap<>(System.getenv());
    put(env, "CORACLE_TEMPORAL_TARGET", temporal);
    put(env, "CORACLE_TEMPORAL_NAMESPACE", namespace);
    if (tlsCert != null || tlsKey != null || tlsCa != null) {
      env.put("CORACLE_TEMPORAL_TLS_ENABLED", "true");
    }
    put(env, "CORACLE_TEMPORAL_TLS_CERT_FILE", absolute(tlsCert));
    put(env, "CORACLE_TEMPORAL_TLS_KEY_FILE", absolute(tlsKey));
    put(env, "CORACLE_TEMPORAL_TLS_CA_FILE", absolute(tlsCa));
    put(env, "CORACLE_WORKER_HOST_ID", hostId);
    if (store != null) {
      env.putAll(StoreOption.variables(store));
    }
    env.putAll(extra);
    Path coracleHome = home != null ? home.toAbsolutePath() : CoracleHome.resolve(env);
    return ConfigLoader.load(coracleHome, env);
  }

  private static void put(Map<String, String> env, String name, String value) {
    if (value != null) {
      env.put(name, value);
    }
  }

  private static String absolute(Path path) {
    return path == null ? null : path.toAbsolutePath().toString();
  }
}
