package dev.coracle.activities.quota;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The three reads an admission decides on, in the admission's own transaction: what the upstream
 * reported about its limits, the counts of the current windows, and the model's and provider's
 * states. Plain JDBC with the columns read by position: Micronaut Data's repository call and entity
 * mapping (a lookup by column name for every property of every row) cost about half of a
 * reservation's CPU, and a reservation runs before every model call. Portable SQL, on the
 * connection the caller passes: the admission's transaction's, or a pooled one for a check.
 */
final class AdmissionReads {

  private static final String LEARNED =
      """
      SELECT id, provider, model, window_kind, unit, limit_value, source, learned_at
      FROM learned_limit WHERE provider = ? AND (model = ? OR model = ?)
      """;

  private static final String CURRENT =
      """
      SELECT id, provider, model, window_kind, window_start, requests, tokens, prompt_tokens,
             completion_tokens
      FROM quota_usage
      WHERE provider = ? AND (model = ? OR model = ?)
        AND ((window_kind = 'minute' AND window_start = ?)
          OR (window_kind = 'hour' AND window_start = ?)
          OR (window_kind = 'day' AND window_start = ?))
      """;

  private static final String STATE_COLUMNS =
      """
      SELECT id, provider, model, cooldown_until, cooldown_reason, disabled, disabled_reason,
             last_error, last_error_at, limit_requests, remaining_requests, requests_reset_at,
             limit_tokens, remaining_tokens, tokens_reset_at, learned_at, updated_at
      FROM provider_state
      """;

  private static final String STATES =
      STATE_COLUMNS + "WHERE provider = ? AND (model = '*' OR model = ? OR model = ?)";

  private static final String ALL_STATES = STATE_COLUMNS + "ORDER BY id";

  private AdmissionReads() {}

  /** The limits learned for a provider's model and its pool. */
  static List<LearnedLimitRow> learned(
      Connection connection, String provider, String model, String pool) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(LEARNED)) {
      bind(statement, provider, model, pool);
      List<LearnedLimitRow> rows = new ArrayList<>();
      try (ResultSet row = statement.executeQuery()) {
        while (row.next()) {
          rows.add(
              new LearnedLimitRow(
                  row.getLong(1),
                  row.getString(2),
                  row.getString(3),
                  row.getString(4),
                  row.getString(5),
                  row.getInt(6),
                  row.getString(7),
                  row.getLong(8)));
        }
      }
      return rows;
    }
  }

  /** The rows of the windows that hold one moment, for a model and its pool. */
  static List<QuotaUsage> current(
      Connection connection,
      String provider,
      String model,
      String pool,
      long minute,
      long hour,
      long day)
      throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(CURRENT)) {
      bind(statement, provider, model, pool);
      statement.setLong(4, minute);
      statement.setLong(5, hour);
      statement.setLong(6, day);
      List<QuotaUsage> rows = new ArrayList<>();
      try (ResultSet row = statement.executeQuery()) {
        while (row.next()) {
          rows.add(
              new QuotaUsage(
                  row.getLong(1),
                  row.getString(2),
                  row.getString(3),
                  row.getString(4),
                  row.getLong(5),
                  row.getLong(6),
                  row.getLong(7),
                  row.getLong(8),
                  row.getLong(9)));
        }
      }
      return rows;
    }
  }

  /** The rows of the provider as a whole, of one model, and of the model's pool. */
  static List<ProviderState> states(
      Connection connection, String provider, String model, String pool) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(STATES)) {
      bind(statement, provider, model, pool);
      return states(statement);
    }
  }

  /** Every provider's and model's state, for a status answer. */
  static List<ProviderState> allStates(Connection connection) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(ALL_STATES)) {
      return states(statement);
    }
  }

  private static List<ProviderState> states(PreparedStatement statement) throws SQLException {
    List<ProviderState> rows = new ArrayList<>();
    try (ResultSet row = statement.executeQuery()) {
      while (row.next()) {
        rows.add(
            new ProviderState(
                row.getLong(1),
                row.getString(2),
                row.getString(3),
                nullableLong(row, 4),
                row.getString(5),
                row.getBoolean(6),
                row.getString(7),
                row.getString(8),
                nullableLong(row, 9),
                nullableInt(row, 10),
                nullableInt(row, 11),
                nullableLong(row, 12),
                nullableInt(row, 13),
                nullableInt(row, 14),
                nullableLong(row, 15),
                nullableLong(row, 16),
                row.getLong(17)));
      }
    }
    return rows;
  }

  private static void bind(PreparedStatement statement, String provider, String model, String pool)
      throws SQLException {
    statement.setString(1, provider);
    statement.setString(2, model);
    statement.setString(3, pool);
  }

  private static Long nullableLong(ResultSet row, int column) throws SQLException {
    long value = row.getLong(column);
    return row.wasNull() ? null : value;
  }

  private static Integer nullableInt(ResultSet row, int column) throws SQLException {
    int value = row.getInt(column);
    return row.wasNull() ? null : value;
  }
}
