package dev.coracle.activities.store;

import java.util.List;

/**
 * The databases the store runs on. Each has its own folder of migrations for what its SQL cannot
 * share, and both read {@link #SHARED_MIGRATIONS}, where every migration is portable SQL.
 */
public enum StoreBackend {
  /** One file, one machine: the default. */
  SQLITE("jdbc:sqlite:", "ANSI", "classpath:db/sqlite"),
  /** A server several processes or machines share. */
  POSTGRESQL("jdbc:postgresql:", "POSTGRES", "classpath:db/postgresql");

  /**
   * Migrations both backends run unchanged. A version lives either here or in both vendor folders,
   * never in one vendor folder alone, so the two schemas stay at the same version.
   */
  public static final String SHARED_MIGRATIONS = "classpath:db/migration";

  private final String urlPrefix;
  private final String dialect;
  private final String vendorMigrations;

  StoreBackend(String urlPrefix, String dialect, String vendorMigrations) {
    this.urlPrefix = urlPrefix;
    this.dialect = dialect;
    this.vendorMigrations = vendorMigrations;
  }

  /** The backend a JDBC URL names. */
  public static StoreBackend of(String jdbcUrl) {
    for (StoreBackend backend : values()) {
      if (jdbcUrl.startsWith(backend.urlPrefix)) {
        return backend;
      }
    }
    throw new IllegalArgumentException(
        "A store URL starts with jdbc:sqlite: or jdbc:postgresql://, not: " + jdbcUrl);
  }

  /** Micronaut Data's name for the SQL dialect, the value of {@code datasources.*.dialect}. */
  public String dialect() {
    return dialect;
  }

  /** Flyway's locations: the backend's own migrations, then the shared ones. */
  public List<String> migrationLocations() {
    return List.of(vendorMigrations, SHARED_MIGRATIONS);
  }
}
