package dev.coracle.activities.store;

import io.micronaut.context.ApplicationContext;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * Starts the application context the way the application does, on a real store: a SQLite file, or
 * with {@code -Dcoracle.test.store=postgresql} (the build's second run of the store suite) a
 * database of the test PostgreSQL server that stands for that file.
 */
public final class TestStore {

  public static final Duration BUSY_TIMEOUT = Duration.ofMillis(2500);

  /** The system property that picks the backend of the store tests. */
  public static final String BACKEND_PROPERTY = "coracle.test.store";

  private TestStore() {}

  public static ApplicationContext start(Path dbFile, Clock clock) {
    return ApplicationContext.builder().properties(properties(dbFile)).singletons(clock).start();
  }

  /** The backend this run of the tests stores in. */
  public static StoreBackend backend() {
    String name = System.getProperty(BACKEND_PROPERTY, "sqlite");
    return StoreBackend.valueOf(name.toUpperCase(java.util.Locale.ROOT));
  }

  /**
   * The store's properties for {@code dbFile} on this run's backend: the file itself, or the
   * PostgreSQL database that stands for it (the same file reopens the same database).
   */
  public static Map<String, Object> properties(Path dbFile) {
    return backend() == StoreBackend.POSTGRESQL
        ? TestPostgres.server().storeProperties(dbFile)
        : StoreProperties.forDatabase(dbFile, BUSY_TIMEOUT);
  }
}
