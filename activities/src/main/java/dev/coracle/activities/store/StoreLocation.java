package dev.coracle.activities.store;

import dev.coracle.activities.config.CoracleConfig.StoreConfig;
import dev.coracle.activities.config.LoadedConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * Where the configured store is: {@code store.url} when it is set, else the SQLite file at {@code
 * store.path} (by default {@code $CORACLE_HOME/coracle.db}).
 *
 * @param backend the database kind
 * @param file the SQLite file, or null on PostgreSQL
 * @param url the PostgreSQL JDBC URL, or null on SQLite
 */
public record StoreLocation(
    StoreBackend backend,
    Path file,
    String url,
    String username,
    String password,
    Duration busyTimeout) {

  /** The store a loaded configuration names. */
  public static StoreLocation of(LoadedConfig loaded) {
    StoreConfig store = loaded.config().store();
    Duration busyTimeout = Duration.ofMillis(store.busyTimeoutMs());
    String url = store.url() == null ? "" : store.url().trim();
    if (url.isEmpty()) {
      return new StoreLocation(
          StoreBackend.SQLITE, loaded.databaseFile(), null, null, null, busyTimeout);
    }
    return switch (StoreBackend.of(url)) {
      case SQLITE ->
          new StoreLocation(
              StoreBackend.SQLITE,
              Path.of(url.substring("jdbc:sqlite:".length())),
              null,
              null,
              null,
              busyTimeout);
      case POSTGRESQL ->
          new StoreLocation(
              StoreBackend.POSTGRESQL, null, url, store.username(), store.password(), busyTimeout);
    };
  }

  /** The datasource, Micronaut Data and Flyway properties for this store. */
  public Map<String, Object> properties() {
    return backend == StoreBackend.SQLITE
        ? StoreProperties.forDatabase(file, busyTimeout)
        : StoreProperties.forPostgresql(url, username, password);
  }

  /** What a person may see: the file, or the URL without credentials and query parameters. */
  public String describe() {
    return backend == StoreBackend.SQLITE ? file.toString() : redact(url);
  }

  /** The URL without user information and without its query, where a password may be. */
  static String redact(String url) {
    String withoutQuery = url.contains("?") ? url.substring(0, url.indexOf('?')) : url;
    return withoutQuery.replaceFirst("//[^/@]*@", "//");
  }

  @Override
  public String toString() {
    return "StoreLocation[" + backend + " " + describe() + "]";
  }
}
