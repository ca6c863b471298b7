package dev.coracle.activities.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The reads of the {@code audit} tables that every status answer makes, as plain JDBC on a
 * connection the caller passes (see {@link PlainReads}): the repository's query building and its
 * entity mapping by column name were most of a status answer's audit reads. The SQL is the
 * repository's ({@link AuditRepository}), portable.
 */
final class AuditReads {

  private static final String TOTALS_SINCE =
      """
      SELECT provider, model,
             SUM(calls) AS calls,
             SUM(failures) AS failures,
             SUM(prompt_tokens) AS prompt_tokens,
             SUM(completion_tokens) AS completion_tokens
      FROM audit_minute
      WHERE minute >= ? / 60000
      GROUP BY provider, model
      ORDER BY calls DESC, provider, model
      """;

  private static final String COLUMNS =
      "SELECT id, at, workflow_id, request_class, provider, model, outcome, prompt_tokens,"
          + " completion_tokens, model_millis, error FROM audit ";

  private static final String LATEST =
      COLUMNS
          + "WHERE outcome NOT IN ('SKIPPED', 'QUOTA_EXHAUSTED') ORDER BY at DESC, id DESC LIMIT ?";

  private static final String LATEST_WITH_OUTCOME =
      COLUMNS + "WHERE outcome = ? ORDER BY at DESC, id DESC LIMIT ?";

  private AuditReads() {}

  /** Per provider and model, busiest first, from the minute that holds {@code since} on. */
  static List<ModelTotals> totalsSince(Connection connection, long since) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(TOTALS_SINCE)) {
      statement.setLong(1, since);
      List<ModelTotals> totals = new ArrayList<>();
      try (ResultSet row = statement.executeQuery()) {
        while (row.next()) {
          totals.add(
              new ModelTotals(
                  row.getString(1),
                  row.getString(2),
                  row.getLong(3),
                  row.getLong(4),
                  row.getLong(5),
                  row.getLong(6)));
        }
      }
      return totals;
    }
  }

  /** The newest calls first, routing decisions left out. */
  static List<AuditEntry> latest(Connection connection, int limit) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(LATEST)) {
      statement.setInt(1, limit);
      return entries(statement);
    }
  }

  /** The newest calls with {@code outcome} first. */
  static List<AuditEntry> latestWithOutcome(Connection connection, String outcome, int limit)
      throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(LATEST_WITH_OUTCOME)) {
      statement.setString(1, outcome);
      statement.setInt(2, limit);
      return entries(statement);
    }
  }

  private static List<AuditEntry> entries(PreparedStatement statement) throws SQLException {
    List<AuditEntry> entries = new ArrayList<>();
    try (ResultSet row = statement.executeQuery()) {
      while (row.next()) {
        entries.add(
            new AuditEntry(
                row.getLong(1),
                row.getLong(2),
                row.getString(3),
                row.getString(4),
                row.getString(5),
                row.getString(6),
                row.getString(7),
                row.getInt(8),
                row.getInt(9),
                row.getLong(10),
                row.getString(11)));
      }
    }
    return entries;
  }
}
