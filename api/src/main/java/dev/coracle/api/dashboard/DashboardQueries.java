package dev.coracle.api.dashboard;

import io.micronaut.transaction.annotation.ReadOnly;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * The store's rows the dashboard charts and lists, read with plain SQL that SQLite and PostgreSQL
 * both run: model calls per workflow (the audit log), tokens per provider and day (the per-minute
 * totals), and cache lookups per day. Each method is one read-only transaction, which is what gives
 * the store's data source a connection to lend.
 */
@Singleton
class DashboardQueries {
  private static final long MINUTES_PER_DAY = 1_440;

  /** Audit outcomes that are routing decisions or door notes, not model calls. */
  private static final String NOT_CALLS = "('SKIPPED', 'QUOTA_EXHAUSTED', 'TOOL_DROPPED')";

  private final DataSource dataSource;

  DashboardQueries(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** One model call of a request. */
  record Call(
      String workflowId,
      String requestClass,
      String provider,
      String model,
      String outcome,
      long promptTokens,
      long completionTokens,
      long modelMillis) {}

  /** Tokens a provider's model used in one UTC day. */
  record DayTokens(
      long day, String provider, String model, long promptTokens, long completionTokens) {}

  /** Cache lookups of one UTC day. */
  record CacheDay(long day, long hits, long misses) {}

  /** The model calls of each workflow in {@code workflowIds}, oldest first. */
  @ReadOnly
  public Map<String, List<Call>> callsOf(List<String> workflowIds) {
    if (workflowIds.isEmpty()) {
      return Map.of();
    }
    String marks = String.join(", ", Collections.nCopies(workflowIds.size(), "?"));
    String sql =
        "SELECT workflow_id, request_class, provider, model, outcome, prompt_tokens,"
            + " completion_tokens, model_millis FROM audit WHERE workflow_id IN ("
            + marks
            + ") AND outcome NOT IN "
            + NOT_CALLS
            + " ORDER BY at, id";
    Map<String, List<Call>> calls = new LinkedHashMap<>();
    query(
        sql,
        statement -> {
          for (int i = 0; i < workflowIds.size(); i++) {
            statement.setString(i + 1, workflowIds.get(i));
          }
        },
        row ->
            calls
                .computeIfAbsent(row.getString(1), id -> new ArrayList<>())
                .add(
                    new Call(
                        row.getString(1),
                        row.getString(2),
                        row.getString(3),
                        row.getString(4),
                        row.getString(5),
                        row.getLong(6),
                        row.getLong(7),
                        row.getLong(8))));
    return calls;
  }

  /** Tokens per UTC day (epoch days), provider and model, from {@code sinceDay} on. */
  @ReadOnly
  public List<DayTokens> tokensPerDay(long sinceDay) {
    List<DayTokens> days = new ArrayList<>();
    query(
        "SELECT minute / "
            + MINUTES_PER_DAY
            + " AS day, provider, model, SUM(prompt_tokens), SUM(completion_tokens)"
            + " FROM audit_minute WHERE minute >= ? GROUP BY minute / "
            + MINUTES_PER_DAY
            + ", provider, model ORDER BY day, provider, model",
        statement -> statement.setLong(1, sinceDay * MINUTES_PER_DAY),
        row ->
            days.add(
                new DayTokens(
                    row.getLong(1),
                    row.getString(2),
                    row.getString(3),
                    row.getLong(4),
                    row.getLong(5))));
    return days;
  }

  /** Cache hits and misses per UTC day from {@code sinceDay} on. */
  @ReadOnly
  public List<CacheDay> cachePerDay(long sinceDay) {
    Map<Long, long[]> counts = new LinkedHashMap<>();
    query(
        "SELECT day, name, total FROM semantic_cache_daily WHERE day >= ? ORDER BY day",
        statement -> statement.setLong(1, sinceDay),
        row -> {
          long[] pair = counts.computeIfAbsent(row.getLong(1), day -> new long[2]);
          if ("hits".equals(row.getString(2))) {
            pair[0] += row.getLong(3);
          } else if ("misses".equals(row.getString(2))) {
            pair[1] += row.getLong(3);
          }
        });
    List<CacheDay> days = new ArrayList<>();
    counts.forEach((day, pair) -> days.add(new CacheDay(day, pair[0], pair[1])));
    return days;
  }

  private interface Binder {
    void bind(PreparedStatement statement) throws SQLException;
  }

  private interface RowReader {
    void read(ResultSet row) throws SQLException;
  }

  private void query(String sql, Binder binder, RowReader reader) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(sql)) {
      binder.bind(statement);
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          reader.read(rows);
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException(
          "the dashboard could not read the store: " + e.getMessage(), e);
    }
  }
}
