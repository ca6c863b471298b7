package dev.coracle.activities.quota;

import dev.coracle.activities.store.AfterAnswerWrites;
import dev.coracle.activities.store.PlainReads;
import dev.coracle.activities.store.StoreTransactions;
import io.micronaut.data.exceptions.DataAccessException;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Admissions and their settlements: the ledger's statements that every model call makes. A model
 * with a limit is admitted in one transaction that no other admission to its provider, in this
 * process or another sharing the store, interleaves with: SQLite begins every write transaction
 * with {@code BEGIN IMMEDIATE}, and on PostgreSQL the admission holds its provider's {@link
 * ProviderLock}. A model without any limit needs no lock (see {@link #admit}).
 */
@Singleton
class Admissions {

  /** How a queued count is named in a log line, should it fail; made once, not per call. */
  private static final String COUNT = "quota count of a model without limits";

  private final UsageWrites usageWrites;
  private final ProviderStateRepository states;
  private final ProviderLock providerLock;
  private final PlainReads plainReads;
  private final StoreTransactions storeTransactions;
  private final TransactionOperations<Connection> transactions;
  private final AfterAnswerWrites pending;
  private final Clock clock;

  /**
   * Per provider, the writer's ticket of the last count this process queued: an admission that must
   * read the provider's windows waits for it first. Bounded by the configured providers.
   */
  private final Map<String, Long> queuedCounts = new ConcurrentHashMap<>();

  Admissions(
      UsageWrites usageWrites,
      ProviderStateRepository states,
      ProviderLock providerLock,
      PlainReads plainReads,
      StoreTransactions storeTransactions,
      TransactionOperations<Connection> transactions,
      AfterAnswerWrites pending,
      Clock clock) {
    this.usageWrites = usageWrites;
    this.states = states;
    this.providerLock = providerLock;
    this.plainReads = plainReads;
    this.storeTransactions = storeTransactions;
    this.transactions = transactions;
    this.pending = pending;
    this.clock = clock;
  }

  /**
   * Decides, and when admitted counts the call in every window it falls in.
   *
   * <p>A model with a limit (configured, or reported by its upstream) is decided and counted in one
   * transaction that no other admission to its provider interleaves with, so concurrent calls, also
   * from other processes sharing the store, never spend the same last request. The time is read
   * inside the transaction, after any wait for the lock.
   *
   * <p>A model with no limit at all cannot be over-admitted: it is decided on plain reads of what
   * can refuse it (a disabled key, a cooldown), and its count is queued for the after-answer
   * writer, which writes it with the batch's other rows within milliseconds. Its settlement is
   * queued after it, so the two are written in order.
   */
  public Admission admit(Target configured, int estimatedTokens) {
    if (configured.unlimited()) {
      Admission unlocked =
          plainReads.read(connection -> admitUnlimited(connection, configured, estimatedTokens));
      if (unlocked != null) {
        return unlocked;
      }
    }
    // Counts this process queued for the provider are written before its windows are read.
    Long queued = queuedCounts.get(configured.provider());
    if (queued != null) {
      pending.awaitWritten(queued);
    }
    return transactions.executeWrite(
        status -> {
          providerLock.hold(configured.provider());
          return decideOrFail(status.getConnection(), configured, estimatedTokens, true);
        });
  }

  /** What {@link #admit} would answer now, counting nothing: plain reads, no lock. */
  public Admission check(Target configured, int estimatedTokens) {
    return plainReads.read(connection -> decide(connection, configured, estimatedTokens, false));
  }

  /**
   * Admits a call of a model without a configured limit, unless its upstream has reported one or
   * reports counts: then null, and the caller decides in a locked transaction.
   */
  private Admission admitUnlimited(Connection connection, Target configured, int estimatedTokens)
      throws SQLException {
    Target target =
        configured.cappedBy(
            AdmissionReads.learned(
                connection, configured.provider(), configured.model(), configured.pool()));
    if (!target.unlimited()) {
      return null;
    }
    List<ProviderState> relevant =
        AdmissionReads.states(connection, target.provider(), target.model(), target.pool());
    if (anyLearnedCounts(relevant)) {
      return null;
    }
    Instant now = clock.instant();
    Refusal refusal = QuotaRules.evaluate(target, now, List.of(), relevant, estimatedTokens);
    if (refusal != null) {
      return Admission.refused(refusal.reason(), refusal.retryAt());
    }
    Reservation reservation = reservation(target, now, estimatedTokens, true);
    long ticket = pending.submit(COUNT, () -> countAll(target, reservation, estimatedTokens));
    queuedCounts.merge(target.provider(), ticket, Math::max);
    return Admission.granted(reservation);
  }

  private Admission decideOrFail(
      Connection connection, Target configured, int estimatedTokens, boolean reserve) {
    try {
      return decide(connection, configured, estimatedTokens, reserve);
    } catch (SQLException e) {
      throw new DataAccessException("Could not admit a call: " + e.getMessage(), e);
    }
  }

  private Admission decide(
      Connection connection, Target configured, int estimatedTokens, boolean reserve)
      throws SQLException {
    Instant now = clock.instant();
    Target target =
        configured.cappedBy(
            AdmissionReads.learned(
                connection, configured.provider(), configured.model(), configured.pool()));
    // Without a limit no window can refuse, so its counts need not be read.
    List<QuotaUsage> current =
        target.unlimited()
            ? List.of()
            : AdmissionReads.current(
                connection,
                target.provider(),
                target.model(),
                target.pool(),
                WindowKind.MINUTE.start(now, target.zone()).toEpochMilli(),
                WindowKind.HOUR.start(now, target.zone()).toEpochMilli(),
                WindowKind.DAY.start(now, target.zone()).toEpochMilli());
    List<ProviderState> relevant =
        AdmissionReads.states(connection, target.provider(), target.model(), target.pool());
    Refusal refusal = QuotaRules.evaluate(target, now, current, relevant, estimatedTokens);
    if (refusal != null) {
      return Admission.refused(refusal.reason(), refusal.retryAt());
    }
    if (!reserve) {
      return Admission.granted(null);
    }
    Reservation reservation = reservation(target, now, estimatedTokens, false);
    countAll(target, reservation, estimatedTokens);
    // Only rows the upstream reported counts for have anything to consume; the rows were read
    // above in this same transaction, so a provider that never sent rate-limit headers (a local
    // server, most fakes) costs no statement here.
    if (hasLearnedCounts(relevant, target)) {
      states.consumeLearned(target.provider(), target.model(), target.pool(), estimatedTokens);
    }
    return Admission.granted(reservation);
  }

  private static Reservation reservation(
      Target target, Instant now, int estimatedTokens, boolean queued) {
    return new Reservation(
        target.provider(),
        target.model(),
        target.shared(),
        WindowKind.MINUTE.start(now, target.zone()),
        WindowKind.HOUR.start(now, target.zone()),
        WindowKind.DAY.start(now, target.zone()),
        estimatedTokens,
        now,
        queued);
  }

  /** Counts the call in its model's windows and, for a provider with a pool, in the pool's. */
  private void countAll(Target target, Reservation reservation, int estimatedTokens) {
    count(target.provider(), target.model(), reservation, estimatedTokens);
    if (target.shared()) {
      count(target.provider(), QuotaStore.ALL, reservation, estimatedTokens);
    }
  }

  private void count(String provider, String model, Reservation reservation, int tokens) {
    usageWrites.countRequest(provider, model, reservation, tokens);
  }

  /** Whether the upstream has reported counts for any of {@code relevant}. */
  private static boolean anyLearnedCounts(List<ProviderState> relevant) {
    for (ProviderState state : relevant) {
      if (state.learnedAt() != null) {
        return true;
      }
    }
    return false;
  }

  /** Whether a row {@code consumeLearned} would update is among {@code relevant}. */
  private static boolean hasLearnedCounts(List<ProviderState> relevant, Target target) {
    for (ProviderState state : relevant) {
      if (state.learnedAt() != null
          && (state.model().equals(target.model()) || state.model().equals(target.pool()))) {
        return true;
      }
    }
    return false;
  }

  /**
   * In the transaction in progress (the after-answer writer's batch, where most settlements are
   * made), else in its own. A reservation whose count was queued is settled in the queue's order,
   * after its count.
   */
  public void reconcile(Reservation reservation, int promptTokens, int completionTokens) {
    settle(
        reservation,
        "quota settlement",
        () -> usageWrites.reconcile(reservation, promptTokens, completionTokens));
  }

  /** Takes the reservation back, in the queue's order when its count was queued. */
  public void release(Reservation reservation) {
    settle(reservation, "quota release", () -> usageWrites.release(reservation));
  }

  private void settle(Reservation reservation, String what, Runnable write) {
    if (reservation.queued()) {
      pending.inOrder(what, () -> storeTransactions.write(write));
    } else {
      storeTransactions.write(write);
    }
  }
}
