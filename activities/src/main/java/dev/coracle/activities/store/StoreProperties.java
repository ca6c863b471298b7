package dev.coracle.activities.store;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Micronaut properties that point the default datasource, Micronaut Data and Flyway at the store: a
 * SQLite file or a PostgreSQL server.
 */
public final class StoreProperties {

  /** The Hikari pool's name, visible in logs and thread names. */
  public static final String POOL_NAME = "coracle-sqlite";

  /** The pool's name on PostgreSQL. */
  public static final String POSTGRESQL_POOL_NAME = "coracle-postgresql";

  /**
   * Connections in the pool at most. SQLite lets one connection write at a time (writers queue in
   * the process, see {@link QueuedWriteConnection}); the others read concurrently in WAL mode. A
   * chat holds a connection while its write waits in that queue, so the pool has room for every
   * chat in flight at once: with fewer, a burst of sixteen chats left reads waiting for a
   * connection, not for SQLite. Only one connection stays open when idle.
   */
  public static final int MAXIMUM_POOL_SIZE = 16;

  /** How long a connection beyond the first stays open unused. */
  static final long IDLE_TIMEOUT_MS = 60_000;

  /**
   * Connections to PostgreSQL per process. Writers do not queue behind one lock there, and each
   * process sharing the server has its own pool, so this stays well under the server's default of
   * 100 connections with a few processes.
   */
  public static final int POSTGRESQL_MAXIMUM_POOL_SIZE = 8;

  private StoreProperties() {}

  /**
   * The properties for a store in {@code dbFile}, whose parent directory must exist.
   *
   * <p>Every transaction begins with {@code BEGIN IMMEDIATE}, so it takes SQLite's write lock up
   * front and waits up to {@code busyTimeout} for it. A deferred transaction that reads and then
   * writes could instead fail at once with {@code SQLITE_BUSY} when another connection wrote in
   * between, which no timeout helps. Statements outside a transaction still read concurrently.
   */
  public static Map<String, Object> forDatabase(Path dbFile, Duration busyTimeout) {
    String file = dbFile.toAbsolutePath().normalize().toString();
    if (file.indexOf('?') >= 0) {
      // sqlite-jdbc reads everything after '?' as connection settings.
      throw new IllegalArgumentException("A database path must not contain '?': " + file);
    }
    long busyMillis = busyTimeout.toMillis();
    if (busyMillis < 0 || busyMillis > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("Busy timeout out of range: " + busyTimeout);
    }
    ReadOnlyTolerantSqliteDriver.register();

    String url =
        "jdbc:sqlite:"
            + file
            + "?journal_mode=WAL"
            + "&synchronous=NORMAL"
            + "&busy_timeout="
            + busyMillis
            + "&transaction_mode=IMMEDIATE"
            + "&foreign_keys=true";

    Map<String, Object> properties = new LinkedHashMap<>();
    properties.put("datasources.default.url", url);
    properties.put(
        "datasources.default.driver-class-name", ReadOnlyTolerantSqliteDriver.class.getName());
    properties.put("datasources.default.dialect", StoreBackend.SQLITE.dialect());
    properties.put("datasources.default.schema-generate", "NONE");
    properties.put("datasources.default.pool-name", POOL_NAME);
    properties.put("datasources.default.maximum-pool-size", MAXIMUM_POOL_SIZE);
    properties.put("datasources.default.minimum-idle", 1);
    properties.put("datasources.default.idle-timeout", IDLE_TIMEOUT_MS);
    properties.put("flyway.datasources.default.enabled", true);
    properties.put(
        "flyway.datasources.default.locations", StoreBackend.SQLITE.migrationLocations());
    return Collections.unmodifiableMap(properties);
  }

  /**
   * The properties for a store on a PostgreSQL server, {@code jdbc:postgresql://host:port/db}.
   * Credentials may be in the URL instead; blank ones are left out, so the driver's own defaults
   * (the URL, then {@code ~/.pgpass}) apply.
   */
  public static Map<String, Object> forPostgresql(String url, String username, String password) {
    if (StoreBackend.of(url) != StoreBackend.POSTGRESQL) {
      throw new IllegalArgumentException("Not a PostgreSQL URL: " + StoreLocation.redact(url));
    }
    Map<String, Object> properties = new LinkedHashMap<>();
    properties.put("datasources.default.url", url);
    properties.put("datasources.default.driver-class-name", "org.postgresql.Driver");
    if (username != null && !username.isBlank()) {
      properties.put("datasources.default.username", username);
    }
    if (password != null && !password.isEmpty()) {
      properties.put("datasources.default.password", password);
    }
    properties.put("datasources.default.dialect", StoreBackend.POSTGRESQL.dialect());
    properties.put("datasources.default.schema-generate", "NONE");
    properties.put("datasources.default.pool-name", POSTGRESQL_POOL_NAME);
    properties.put("datasources.default.maximum-pool-size", POSTGRESQL_MAXIMUM_POOL_SIZE);
    properties.put("datasources.default.minimum-idle", 1);
    properties.put("flyway.datasources.default.enabled", true);
    properties.put(
        "flyway.datasources.default.locations", StoreBackend.POSTGRESQL.migrationLocations());
    return Collections.unmodifiableMap(properties);
  }
}
