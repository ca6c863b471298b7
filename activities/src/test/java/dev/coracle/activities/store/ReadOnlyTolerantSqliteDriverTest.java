package dev.coracle.activities.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteConnection;

class ReadOnlyTolerantSqliteDriverTest {

  @TempDir Path dir;

  @Test
  void plain_sqlite_jdbc_refuses_setReadOnly_after_connect() throws SQLException {
    // The reason the wrapper exists; when this starts passing, the wrapper may be dropped.
    try (Connection connection = new org.sqlite.JDBC().connect(url(), new Properties())) {
      assertThatThrownBy(() -> connection.setReadOnly(true)).isInstanceOf(SQLException.class);
    }
  }

  @Test
  void wrapped_connection_ignores_setReadOnly_and_keeps_working() throws SQLException {
    try (Connection connection = new ReadOnlyTolerantSqliteDriver().connect(url(), null)) {
      connection.setReadOnly(true);
      connection.setAutoCommit(false);
      try (Statement statement = connection.createStatement()) {
        statement.execute("CREATE TABLE t (x INTEGER)");
        statement.execute("INSERT INTO t VALUES (42)");
        connection.commit();
        try (ResultSet rows = statement.executeQuery("SELECT x FROM t")) {
          assertThat(rows.next()).isTrue();
          assertThat(rows.getInt(1)).isEqualTo(42);
        }
      }
      connection.setReadOnly(false);
      assertThat(connection.unwrap(SQLiteConnection.class)).isNotNull();
      assertThat(connection).isEqualTo(connection).hasSameHashCodeAs(connection);
    }
  }

  @Test
  void driver_accepts_only_sqlite_urls() throws SQLException {
    ReadOnlyTolerantSqliteDriver driver = new ReadOnlyTolerantSqliteDriver();
    assertThat(driver.acceptsURL(url())).isTrue();
    assertThat(driver.acceptsURL("jdbc:h2:mem:x")).isFalse();
    assertThat(driver.connect("jdbc:h2:mem:x", new Properties())).isNull();
  }

  @Test
  void register_makes_the_driver_visible_to_DriverManager() {
    ReadOnlyTolerantSqliteDriver.register();
    assertThat(DriverManager.drivers()).anyMatch(d -> d instanceof ReadOnlyTolerantSqliteDriver);
  }

  private String url() {
    return "jdbc:sqlite:" + dir.resolve("driver.db");
  }
}
