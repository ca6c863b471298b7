package dev.coracle.api.security;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;

/**
 * Reads coracle's real SQLite file from the side, as a user with the {@code sqlite3} tool would:
 * how many rows the tables a request can write hold, and how a job stands.
 */
final class StoreRows implements AutoCloseable {
  /** The tables an accepted request writes to: jobs, model calls, cached answers. */
  static final List<String> TABLES = List.of("jobs", "audit", "semantic_cache");

  private final Connection connection;

  StoreRows(Path databaseFile) {
    try {
      connection = DriverManager.getConnection("jdbc:sqlite:" + databaseFile);
      try (Statement statement = connection.createStatement()) {
        statement.execute("PRAGMA busy_timeout = 5000");
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot open " + databaseFile, e);
    }
  }

  /** The row count of each of {@link #TABLES}, in that order, e.g. {@code jobs=3 audit=10 …}. */
  String counts() {
    StringBuilder counts = new StringBuilder();
    for (String table : TABLES) {
      counts.append(table).append('=').append(single("SELECT count(*) FROM " + table)).append(' ');
    }
    return counts.toString().strip();
  }

  long unfinishedJobs() {
    return Long.parseLong(
        single("SELECT count(*) FROM jobs WHERE status IN ('queued','running','paused')"));
  }

  /** Some job ids, for the path variables of the job routes. */
  List<String> jobIds() {
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT id FROM jobs ORDER BY id LIMIT 20")) {
      List<String> ids = new java.util.ArrayList<>();
      while (rows.next()) {
        ids.add(rows.getString(1));
      }
      return ids;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  Optional<String> jobStatus(String id) {
    try (PreparedStatement query =
        connection.prepareStatement("SELECT status FROM jobs WHERE id = ?")) {
      query.setString(1, id);
      try (ResultSet rows = query.executeQuery()) {
        return rows.next() ? Optional.of(rows.getString(1)) : Optional.empty();
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private String single(String sql) {
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      rows.next();
      return rows.getString(1);
    } catch (SQLException e) {
      throw new IllegalStateException(sql, e);
    }
  }

  @Override
  public void close() {
    try {
      connection.close();
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
