package dev.coracle.activities.cache;

import dev.coracle.activities.store.PlainStatements;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code semantic_cache} statements of every lookup and every stored answer, as plain JDBC on
 * the transaction's connection (see {@link PlainStatements}): Micronaut Data's repository calls and
 * its entity mapping by column name cost more CPU than SQLite's work on these rows. Portable SQL;
 * times are epoch milliseconds, as stored.
 */
@Singleton
class CacheRows {

  private static final String CANDIDATES =
      """
      SELECT id, created_at, expires_at, model_name, context_hash, prompt_key, prompt_text,
             embedding, result_json, completion_tokens, hits, last_hit_at
      FROM semantic_cache
      WHERE model_name = ? AND context_hash = ? AND prompt_key = ? AND expires_at > ?
      ORDER BY id DESC
      LIMIT ?
      """;

  /** The same-text hit's read: only the rows whose prompt is the very text, and their answers. */
  private static final String SAME_TEXT =
      """
      SELECT id, result_json
      FROM semantic_cache
      WHERE model_name = ? AND context_hash = ? AND prompt_key = ? AND expires_at > ?
        AND prompt_text = ? AND (? <= 0 OR completion_tokens <= ?)
      ORDER BY id DESC
      LIMIT ?
      """;

  /** A stored answer as the same-text read returns it: the row's id and its result's JSON. */
  record StoredAnswer(long id, String resultJson) {}

  private static final String INSERT =
      """
      INSERT INTO semantic_cache (created_at, expires_at, model_name, context_hash, prompt_key,
                                  prompt_text, embedding, result_json, completion_tokens, hits,
                                  last_hit_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
      """;

  private static final String DELETE = "DELETE FROM semantic_cache WHERE id = ?";

  private static final String DELETE_EXPIRED = "DELETE FROM semantic_cache WHERE expires_at <= ?";

  private static final String KEEP_NEWEST_OF_CONTEXT =
      """
      DELETE FROM semantic_cache
      WHERE model_name = ? AND context_hash = ?
        AND id NOT IN (
          SELECT id FROM semantic_cache
          WHERE model_name = ? AND context_hash = ?
          ORDER BY id DESC
          LIMIT ?)
      """;

  private static final String KEEP_NEWEST =
      """
      DELETE FROM semantic_cache
      WHERE id <= (SELECT id FROM semantic_cache ORDER BY id DESC LIMIT 1 OFFSET ?)
      """;

  private final JdbcOperations jdbc;

  CacheRows(JdbcOperations jdbc) {
    this.jdbc = jdbc;
  }

  /** The unexpired answers under one key, newest first, at most {@code limit}. */
  List<CacheEntry> candidates(
      String modelName, String contextHash, String promptKey, long now, int limit) {
    return jdbc.prepareStatement(
        CANDIDATES,
        statement -> {
          statement.setString(1, modelName);
          statement.setString(2, contextHash);
          statement.setString(3, promptKey);
          statement.setLong(4, now);
          statement.setInt(5, limit);
          List<CacheEntry> rows = new ArrayList<>();
          try (ResultSet row = statement.executeQuery()) {
            while (row.next()) {
              rows.add(
                  new CacheEntry(
                      row.getLong(1),
                      row.getLong(2),
                      row.getLong(3),
                      row.getString(4),
                      row.getString(5),
                      row.getString(6),
                      row.getString(7),
                      row.getBytes(8),
                      row.getString(9),
                      row.getInt(10),
                      row.getLong(11),
                      PlainStatements.nullableLong(row, 12)));
            }
          }
          return rows;
        });
  }

  /**
   * The unexpired answers under one key whose stored prompt is exactly {@code promptText} and whose
   * completion fits {@code maxTokens} (0: any), newest first, at most {@code limit}; on {@code
   * connection}, which may be outside any transaction.
   */
  static List<StoredAnswer> sameText(
      Connection connection,
      String modelName,
      String contextHash,
      String promptKey,
      String promptText,
      long now,
      int maxTokens,
      int limit)
      throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(SAME_TEXT)) {
      statement.setString(1, modelName);
      statement.setString(2, contextHash);
      statement.setString(3, promptKey);
      statement.setLong(4, now);
      statement.setString(5, promptText);
      statement.setInt(6, maxTokens);
      statement.setInt(7, maxTokens);
      statement.setInt(8, limit);
      List<StoredAnswer> rows = new ArrayList<>();
      try (ResultSet row = statement.executeQuery()) {
        while (row.next()) {
          rows.add(new StoredAnswer(row.getLong(1), row.getString(2)));
        }
      }
      return rows;
    }
  }

  /** Adds {@code entry} as a new row; its id is generated and not read back. */
  void insert(CacheEntry entry) {
    jdbc.prepareStatement(
        INSERT,
        statement -> {
          statement.setLong(1, entry.createdAt());
          statement.setLong(2, entry.expiresAt());
          statement.setString(3, entry.modelName());
          statement.setString(4, entry.contextHash());
          statement.setString(5, entry.promptKey());
          statement.setString(6, entry.promptText());
          PlainStatements.setNullableBytes(statement, 7, entry.embedding());
          statement.setString(8, entry.resultJson());
          statement.setLong(9, entry.completionTokens());
          statement.setLong(10, entry.hits());
          PlainStatements.setNullableLong(statement, 11, entry.lastHitAt());
          PlainStatements.insertWithoutKeys(statement);
          return null;
        });
  }

  void delete(long id) {
    update(DELETE, id);
  }

  void deleteExpired(long now) {
    update(DELETE_EXPIRED, now);
  }

  /** Keeps the newest {@code keep} rows of one model and context. */
  void keepNewestOfContext(String modelName, String contextHash, int keep) {
    jdbc.prepareStatement(
        KEEP_NEWEST_OF_CONTEXT,
        statement -> {
          statement.setString(1, modelName);
          statement.setString(2, contextHash);
          statement.setString(3, modelName);
          statement.setString(4, contextHash);
          statement.setInt(5, keep);
          return statement.executeUpdate();
        });
  }

  /** Keeps the newest {@code keep} rows of the whole table. */
  void keepNewest(int keep) {
    update(KEEP_NEWEST, keep);
  }

  private void update(String sql, long value) {
    jdbc.prepareStatement(
        sql,
        statement -> {
          statement.setLong(1, value);
          return statement.executeUpdate();
        });
  }
}
