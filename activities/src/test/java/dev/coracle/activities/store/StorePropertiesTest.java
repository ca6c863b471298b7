package dev.coracle.activities.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.context.ApplicationContext;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StorePropertiesTest {

  @TempDir Path dir;

  @Test
  void properties_configure_the_default_datasource_and_flyway() {
    Map<String, Object> properties =
        StoreProperties.forDatabase(dir.resolve("coracle.db"), Duration.ofSeconds(5));

    assertThat(properties)
        .containsEntry(
            "datasources.default.driver-class-name", ReadOnlyTolerantSqliteDriver.class.getName())
        .containsEntry("datasources.default.dialect", "ANSI")
        .containsEntry("datasources.default.maximum-pool-size", StoreProperties.MAXIMUM_POOL_SIZE)
        .containsEntry("flyway.datasources.default.enabled", true)
        .containsEntry(
            "flyway.datasources.default.locations",
            List.of("classpath:db/sqlite", "classpath:db/migration"));
    assertThat((String) properties.get("datasources.default.url"))
        .startsWith("jdbc:sqlite:" + dir.resolve("coracle.db").toAbsolutePath())
        .contains("journal_mode=WAL", "busy_timeout=5000");
  }

  @Test
  void a_path_with_a_question_mark_is_refused() {
    assertThatThrownBy(
            () -> StoreProperties.forDatabase(dir.resolve("what?.db"), Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void starting_the_context_migrates_the_database() throws SQLException {
    try (ApplicationContext context = start();
        Connection connection = rawConnection(context)) {
      assertThat(names(connection, "SELECT name FROM sqlite_master WHERE type = 'table'"))
          .contains("audit", "flyway_schema_history", "jobs", "job_events", "artifacts");
      assertThat(names(connection, "SELECT name FROM sqlite_master WHERE type = 'index'"))
          .contains("audit_at");
      assertThat(
              names(
                  connection,
                  "SELECT version FROM flyway_schema_history WHERE success = 1 ORDER BY CAST(version AS INTEGER)"))
          .startsWith("1", "2", "3", "4");
    }
  }

  @Test
  void pooled_connections_use_wal_and_the_busy_timeout() throws SQLException {
    try (ApplicationContext context = start();
        Connection connection = rawConnection(context)) {
      assertThat(names(connection, "PRAGMA journal_mode")).containsExactly("wal");
      assertThat(names(connection, "PRAGMA busy_timeout"))
          .containsExactly(String.valueOf(TestStore.BUSY_TIMEOUT.toMillis()));
      assertThat(names(connection, "PRAGMA foreign_keys")).containsExactly("1");
    }
  }

  @Test
  void without_another_clock_the_store_uses_the_system_utc_clock() {
    try (ApplicationContext context =
        ApplicationContext.builder()
            .properties(StoreProperties.forDatabase(dir.resolve("coracle.db"), Duration.ZERO))
            .start()) {
      assertThat(context.getBean(Clock.class)).isEqualTo(Clock.systemUTC());
    }
  }

  private ApplicationContext start() {
    return TestStore.start(dir.resolve("coracle.db"), new MutableClock(Instant.EPOCH));
  }

  /** A pooled connection outside Micronaut's transaction management. */
  private static Connection rawConnection(ApplicationContext context) throws SQLException {
    DataSource dataSource = context.getBean(DataSource.class);
    return DelegatingDataSource.unwrapDataSource(dataSource).getConnection();
  }

  private static List<String> names(Connection connection, String sql) throws SQLException {
    List<String> names = new ArrayList<>();
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      while (rows.next()) {
        names.add(rows.getString(1));
      }
    }
    return names;
  }
}
