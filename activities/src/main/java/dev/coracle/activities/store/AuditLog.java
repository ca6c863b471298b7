package dev.coracle.activities.store;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Records every model call and answers what the calls add up to. Its reads are plain statements
 * outside any transaction ({@link PlainReads}, {@link AuditReads}): a status answer makes three.
 */
@Singleton
public class AuditLog {
  /**
   * The outcome of a row that records tools a door left out of a request. Like {@code SKIPPED}
   * routing decisions, such rows are not model calls.
   */
  public static final String TOOL_DROPPED = "TOOL_DROPPED";

  /**
   * The insert of {@link #record}: plain JDBC (see {@link PlainStatements}), since every model call
   * makes it.
   */
  private static final String INSERT =
      """
      INSERT INTO audit (at, workflow_id, request_class, provider, model, outcome, prompt_tokens,
                         completion_tokens, model_millis, error)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
      """;

  private final JdbcOperations jdbc;
  private final StoreTransactions transactions;
  private final Clock clock;
  private final AfterAnswerWrites pending;
  private final PlainReads reads;

  public AuditLog(
      JdbcOperations jdbc,
      StoreTransactions transactions,
      Clock clock,
      AfterAnswerWrites pending,
      PlainReads reads) {
    this.reads = reads;
    this.jdbc = jdbc;
    this.transactions = transactions;
    this.clock = clock;
    this.pending = pending;
  }

  /**
   * Stores one model call, stamped with the current time.
   *
   * @param outcome {@link AuditEntry#OK}, or the name of the error type that ended the call
   */
  public void record(
      String workflowId,
      String requestClass,
      String provider,
      String model,
      String outcome,
      int promptTokens,
      int completionTokens,
      long modelMillis,
      @Nullable String error) {
    // In a transaction (the after-answer writer's batch, or one of its own), so the insert queues
    // behind other writers in this process instead of polling SQLite's lock. The row is stamped
    // inside it, after any wait for the lock.
    transactions.write(
        () ->
            insert(
                new AuditEntry(
                    null,
                    clock.millis(),
                    workflowId,
                    requestClass,
                    provider,
                    model,
                    outcome,
                    promptTokens,
                    completionTokens,
                    modelMillis,
                    error)));
  }

  private void insert(AuditEntry entry) {
    jdbc.prepareStatement(
        INSERT,
        statement -> {
          statement.setLong(1, entry.at());
          statement.setString(2, entry.workflowId());
          statement.setString(3, entry.requestClass());
          statement.setString(4, entry.provider());
          statement.setString(5, entry.model());
          statement.setString(6, entry.outcome());
          statement.setLong(7, entry.promptTokens());
          statement.setLong(8, entry.completionTokens());
          statement.setLong(9, entry.modelMillis());
          PlainStatements.setNullableString(statement, 10, entry.error());
          PlainStatements.insertWithoutKeys(statement);
          return null;
        });
  }

  /**
   * Totals per provider and model of the calls from the minute that holds {@code since} on. They
   * are kept per minute as calls are recorded, so this costs the same on a busy day as on a quiet
   * one.
   */
  public AuditSummary summarySince(Instant since) {
    pending.awaitWritten();
    return new AuditSummary(
        since, reads.read(connection -> AuditReads.totalsSince(connection, since.toEpochMilli())));
  }

  /** The most recent calls, newest first. */
  public List<AuditEntry> latest(int limit) {
    pending.awaitWritten();
    return reads.read(connection -> AuditReads.latest(connection, limit));
  }

  /** The most recent call that answered, however long ago. */
  public Optional<AuditEntry> lastAnswer() {
    pending.awaitWritten();
    return reads
        .read(connection -> AuditReads.latestWithOutcome(connection, AuditEntry.OK, 1))
        .stream()
        .findFirst();
  }
}
