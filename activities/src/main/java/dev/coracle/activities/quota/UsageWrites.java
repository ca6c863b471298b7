package dev.coracle.activities.quota;

import dev.coracle.activities.store.PlainStatements;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * The writes of the {@code quota_usage} table that every model call makes: its reservation before
 * the call and its settlement after. Plain JDBC on the transaction's connection, for the reason
 * {@link AdmissionReads} gives: Micronaut Data's repository call (building and binding the query,
 * its interceptors) cost more than half of the reservation's CPU. The SQL is portable; a call
 * counts in three rows (minute, hour, day) of its model, and three more of the pool {@code *} when
 * its provider has one: the updates take {@code model} and {@code pool} and touch both (pass the
 * model twice for a provider without a pool).
 */
@Singleton
class UsageWrites {

  /** Counts one request and its tokens in the three windows, creating their rows on first use. */
  private static final String COUNT_REQUEST =
      """
      INSERT INTO quota_usage (provider, model, window_kind, window_start, requests, tokens,
                               prompt_tokens, completion_tokens)
      VALUES (?, ?, 'minute', ?, 1, ?, 0, 0),
             (?, ?, 'hour', ?, 1, ?, 0, 0),
             (?, ?, 'day', ?, 1, ?, 0, 0)
      ON CONFLICT (provider, model, window_kind, window_start)
      DO UPDATE SET requests = quota_usage.requests + excluded.requests,
                    tokens = quota_usage.tokens + excluded.tokens
      """;

  /** Replaces an estimate with real usage in the windows a reservation counted in. */
  private static final String RECONCILE =
      """
      UPDATE quota_usage
      SET tokens = CASE WHEN tokens + ? > 0 THEN tokens + ? ELSE 0 END,
          prompt_tokens = prompt_tokens + ?,
          completion_tokens = completion_tokens + ?
      WHERE provider = ? AND (model = ? OR model = ?)
        AND ((window_kind = 'minute' AND window_start = ?)
          OR (window_kind = 'hour' AND window_start = ?)
          OR (window_kind = 'day' AND window_start = ?))
      """;

  /** Takes one request and its estimate back out of the windows a reservation counted in. */
  private static final String RELEASE =
      """
      UPDATE quota_usage
      SET requests = CASE WHEN requests > 1 THEN requests - 1 ELSE 0 END,
          tokens = CASE WHEN tokens > ? THEN tokens - ? ELSE 0 END
      WHERE provider = ? AND (model = ? OR model = ?)
        AND ((window_kind = 'minute' AND window_start = ?)
          OR (window_kind = 'hour' AND window_start = ?)
          OR (window_kind = 'day' AND window_start = ?))
      """;

  private final JdbcOperations jdbc;

  UsageWrites(JdbcOperations jdbc) {
    this.jdbc = jdbc;
  }

  /** Counts one request of {@code model} and its estimated tokens in the reservation's windows. */
  void countRequest(String provider, String model, Reservation reservation, long tokens) {
    long[] starts = starts(reservation);
    jdbc.prepareStatement(
        COUNT_REQUEST,
        statement -> {
          for (int window = 0; window < 3; window++) {
            int first = window * 4 + 1;
            statement.setString(first, provider);
            statement.setString(first + 1, model);
            statement.setLong(first + 2, starts[window]);
            statement.setLong(first + 3, tokens);
          }
          PlainStatements.insertWithoutKeys(statement);
          return null;
        });
  }

  /** Adds the real usage and takes the estimate back out, never below zero. */
  void reconcile(Reservation reservation, long promptTokens, long completionTokens) {
    long tokenDelta = promptTokens + completionTokens - reservation.estimatedTokens();
    jdbc.prepareStatement(
        RECONCILE,
        statement -> {
          statement.setLong(1, tokenDelta);
          statement.setLong(2, tokenDelta);
          statement.setLong(3, promptTokens);
          statement.setLong(4, completionTokens);
          bindWindows(statement, 5, reservation);
          return statement.executeUpdate();
        });
  }

  /** Takes the reservation's request and its estimated tokens back. */
  void release(Reservation reservation) {
    long tokens = reservation.estimatedTokens();
    jdbc.prepareStatement(
        RELEASE,
        statement -> {
          statement.setLong(1, tokens);
          statement.setLong(2, tokens);
          bindWindows(statement, 3, reservation);
          return statement.executeUpdate();
        });
  }

  /** Binds provider, model, pool and the three window starts from parameter {@code first} on. */
  private static void bindWindows(PreparedStatement statement, int first, Reservation reservation)
      throws SQLException {
    long[] starts = starts(reservation);
    statement.setString(first, reservation.provider());
    statement.setString(first + 1, reservation.model());
    statement.setString(first + 2, reservation.poolKey());
    for (int window = 0; window < 3; window++) {
      statement.setLong(first + 3 + window, starts[window]);
    }
  }

  private static long[] starts(Reservation reservation) {
    return new long[] {
      reservation.minuteStart().toEpochMilli(),
      reservation.hourStart().toEpochMilli(),
      reservation.dayStart().toEpochMilli()
    };
  }
}
