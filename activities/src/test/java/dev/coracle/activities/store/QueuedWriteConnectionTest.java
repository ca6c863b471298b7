package dev.coracle.activities.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store's connections as Micronaut Data drives them: {@code setReadOnly}, then {@code
 * setAutoCommit(false)}, statements, {@code commit()}, {@code setAutoCommit(true)}. SQLite's busy
 * timeout is 0 here, so a transaction that met SQLite's lock instead of waiting in the process
 * would fail at once with {@code SQLITE_BUSY}.
 */
class QueuedWriteConnectionTest {

  @TempDir Path dir;

  private final ReadOnlyTolerantSqliteDriver driver = new ReadOnlyTolerantSqliteDriver();

  @BeforeEach
  void createTable() throws SQLException {
    try (Connection connection = open();
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE TABLE t (x INTEGER)");
      statement.execute("INSERT INTO t VALUES (1)");
    }
  }

  @Test
  void a_second_writer_waits_for_the_first_instead_of_failing_busy() throws Exception {
    try (Connection first = open();
        Connection second = open()) {
      first.setAutoCommit(false);
      insert(first, 2);
      CountDownLatch waiting = new CountDownLatch(1);
      CompletableFuture<Void> secondWrite =
          CompletableFuture.runAsync(
              () -> {
                try {
                  waiting.countDown();
                  second.setAutoCommit(false);
                  insert(second, 3);
                  second.commit();
                  second.setAutoCommit(true);
                } catch (SQLException e) {
                  throw new IllegalStateException(e);
                }
              });
      waiting.await();
      Thread.sleep(200);
      assertThat(secondWrite).as("the second writer waits while the first holds").isNotDone();
      first.commit();
      first.setAutoCommit(true);
      secondWrite.get(30, TimeUnit.SECONDS);
      assertThat(sum(first)).isEqualTo(6);
    }
  }

  @Test
  void a_read_only_transaction_reads_beside_an_open_writer() throws Exception {
    try (Connection writer = open();
        Connection reader = open()) {
      writer.setAutoCommit(false);
      insert(writer, 2);
      reader.setReadOnly(true);
      reader.setAutoCommit(false);
      assertThat(sum(reader)).as("the snapshot before the writer commits").isEqualTo(1);
      reader.commit();
      reader.setAutoCommit(true);
      reader.setReadOnly(false);
      writer.commit();
      writer.setAutoCommit(true);
      assertThat(sum(reader)).isEqualTo(3);
    }
  }

  @Test
  void a_connection_writes_again_after_a_read_only_transaction() throws Exception {
    try (Connection connection = open();
        Connection other = open()) {
      connection.setReadOnly(true);
      connection.setAutoCommit(false);
      assertThat(sum(connection)).isEqualTo(1);
      connection.commit();
      connection.setAutoCommit(true);
      connection.setReadOnly(false);
      connection.setAutoCommit(false);
      insert(connection, 5);
      connection.commit();
      connection.setAutoCommit(true);
      assertThat(sum(other)).isEqualTo(6);
    }
  }

  @Test
  void closing_a_connection_mid_transaction_lets_the_next_writer_in() throws Exception {
    Connection abandoned = open();
    abandoned.setAutoCommit(false);
    insert(abandoned, 2);
    abandoned.close();
    try (Connection next = open()) {
      next.setAutoCommit(false);
      insert(next, 4);
      next.commit();
      next.setAutoCommit(true);
      assertThat(sum(next)).isEqualTo(5);
    }
  }

  private Connection open() throws SQLException {
    return driver.connect(
        "jdbc:sqlite:"
            + dir.resolve("queued.db")
            + "?journal_mode=WAL&busy_timeout=0&transaction_mode=IMMEDIATE",
        null);
  }

  private static void insert(Connection connection, int x) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute("INSERT INTO t VALUES (" + x + ")");
    }
  }

  private static int sum(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT SUM(x) FROM t")) {
      rows.next();
      return rows.getInt(1);
    }
  }
}
