package dev.coracle.activities.store;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.ReadOnly;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Records every model call and answers what the calls add up to. */
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

  private final AuditRepository repository;
  private final JdbcOperations jdbc;
  private final Clock clock;
  private final AfterAnswerWrites pending;

  public AuditLog(
      AuditRepository repository, JdbcOperations jdbc, Clock clock, AfterAnswerWrites pending) {
    this.repository = repository;
    this.jdbc = jdbc;
    this.clock = clock;
    this.pending = pending;
  }

  /**
   * Stores one model call, stamped with the current time.
   *
   * @param outcome {@link AuditEntry#OK}, or the name of the error type that ended the call
   */
  // A transaction, so the insert queues behind other writers in this process (see
  // QueuedWriteConnection) instead of polling SQLite's lock.
  @Transactional
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
    long at = clock.millis();
    jdbc.prepareStatement(
        INSERT,
        statement -> {
          statement.setLong(1, at);
          statement.setString(2, workflowId);
          statement.setString(3, requestClass);
          statement.setString(4, provider);
          statement.setString(5, model);
          statement.setString(6, outcome);
          statement.setLong(7, promptTokens);
          statement.setLong(8, completionTokens);
          statement.setLong(9, modelMillis);
          PlainStatements.setNullableString(statement, 10, error);
          PlainStatements.insertWithoutKeys(statement);
          return null;
        });
  }

  /**
   * Totals per provider and model of the calls from the minute that holds {@code since} on. They
   * are kept per minute as calls are recorded, so this costs the same on a busy day as on a quiet
   * one.
   */
  @ReadOnly
  public AuditSummary summarySince(Instant since) {
    pending.awaitWritten();
    return new AuditSummary(since, repository.totalsSince(since.toEpochMilli()));
  }

  /** The most recent calls, newest first. */
  @ReadOnly
  public List<AuditEntry> latest(int limit) {
    pending.awaitWritten();
    return repository.latest(limit);
  }

  /** The most recent call that answered, however long ago. */
  @ReadOnly
  public Optional<AuditEntry> lastAnswer() {
    pending.awaitWritten();
    return repository.latestWithOutcome(AuditEntry.OK, 1).stream().findFirst();
  }
}
