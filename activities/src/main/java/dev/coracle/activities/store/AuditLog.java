package dev.coracle.activities.store;

import io.micronaut.core.annotation.Nullable;
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

  private final AuditRepository repository;
  private final Clock clock;
  private final AfterAnswerWrites pending;

  public AuditLog(AuditRepository repository, Clock clock, AfterAnswerWrites pending) {
    this.repository = repository;
    this.clock = clock;
    this.pending = pending;
  }

  /**
   * Stores one model call, stamped with the current time.
   *
   * @param outcome {@link AuditEntry#OK}, or the name of the error type that ended the call
   * @return the stored row with its generated id
   */
  // A transaction, so the insert queues behind other writers in this process (see
  // QueuedWriteConnection) instead of polling SQLite's lock.
  @Transactional
  public AuditEntry record(
      String workflowId,
      String requestClass,
      String provider,
      String model,
      String outcome,
      int promptTokens,
      int completionTokens,
      long modelMillis,
      @Nullable String error) {
    AuditEntry entry =
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
            error);
    return repository.save(entry);
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
