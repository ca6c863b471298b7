package dev.coracle.activities.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import org.sqlite.SQLiteConnection;
import org.sqlite.SQLiteConnectionConfig;

/**
 * Helpers for the store's hot statements written as plain JDBC: binding and reading nullable
 * columns, and an insert that does not fetch the id it generated.
 *
 * <p>The statements a chat makes on every request (the quota reservation, the settlement, the audit
 * row, the cache's rows) bypass Micronaut Data's repositories: building and binding a repository
 * query, mapping an entity by its column names and the repository's own interceptors cost more CPU
 * than SQLite's work on these small rows. They run on the connection of the transaction in
 * progress, so they keep the transactions of the methods that make them.
 */
public final class PlainStatements {

  private PlainStatements() {}

  /**
   * Runs an insert whose generated id nobody reads. sqlite-jdbc follows every insert with a second
   * query for the last row id unless its connection is told not to; the setting is the
   * connection's, so it is switched off for this one statement only. PostgreSQL's driver fetches
   * nothing unasked.
   */
  public static void insertWithoutKeys(PreparedStatement statement) throws SQLException {
    Connection connection = statement.getConnection();
    if (!connection.isWrapperFor(SQLiteConnection.class)) {
      statement.executeUpdate();
      return;
    }
    SQLiteConnectionConfig config = connection.unwrap(SQLiteConnection.class).getConnectionConfig();
    boolean fetchesKeys = config.isGetGeneratedKeys();
    config.setGetGeneratedKeys(false);
    try {
      statement.executeUpdate();
    } finally {
      config.setGetGeneratedKeys(fetchesKeys);
    }
  }

  /** Binds a nullable {@code BIGINT}. */
  public static void setNullableLong(PreparedStatement statement, int index, Long value)
      throws SQLException {
    if (value == null) {
      statement.setNull(index, Types.BIGINT);
    } else {
      statement.setLong(index, value);
    }
  }

  /** Binds a nullable {@code TEXT}. */
  public static void setNullableString(PreparedStatement statement, int index, String value)
      throws SQLException {
    if (value == null) {
      statement.setNull(index, Types.VARCHAR);
    } else {
      statement.setString(index, value);
    }
  }

  /** Binds nullable bytes: a {@code BLOB} on SQLite, a {@code BYTEA} on PostgreSQL. */
  public static void setNullableBytes(PreparedStatement statement, int index, byte[] value)
      throws SQLException {
    if (value == null) {
      statement.setNull(index, Types.BINARY);
    } else {
      statement.setBytes(index, value);
    }
  }

  /** A nullable {@code BIGINT} column. */
  public static Long nullableLong(ResultSet row, int column) throws SQLException {
    long value = row.getLong(column);
    return row.wasNull() ? null : value;
  }
}
