package dev.coracle.activities.quota;

import dev.coracle.activities.providers.RateLimitInfo;
import dev.coracle.activities.store.StoreTransactions;
import io.micronaut.transaction.annotation.ReadOnly;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * The ledger's rows. Each method is one short transaction. A check and the reservation that follows
 * it cannot interleave with another thread's or another process's: SQLite begins every transaction
 * with {@code BEGIN IMMEDIATE}, and on PostgreSQL the admission holds its provider's {@link
 * ProviderLock}.
 */
@Singleton
class QuotaStore {

  /** The model of rows about a provider as a whole: its shared pool, a disabled key. */
  static final String ALL = "*";

  /** Minute rows are kept this long, for the status page; hour rows for {@link #HOUR_ROWS_MS}. */
  static final long MINUTE_ROWS_MS = 2 * 3_600_000L;

  static final long HOUR_ROWS_MS = 3 * 86_400_000L;

  /** What the ledger needs to answer {@link QuotaLedger#snapshot()}. */
  record Rows(
      List<QuotaUsage> recent,
      List<UsageTotals> totals,
      List<ProviderState> states,
      List<LearnedLimitRow> learned) {}

  private final QuotaUsageRepository usage;
  private final UsageWrites usageWrites;
  private final ProviderStateRepository states;
  private final LearnedLimitRepository learnedLimits;
  private final ProviderLock providerLock;
  private final AdmissionReads reads;
  private final StoreTransactions transactions;
  private final Clock clock;

  QuotaStore(
      QuotaUsageRepository usage,
      UsageWrites usageWrites,
      ProviderStateRepository states,
      LearnedLimitRepository learnedLimits,
      ProviderLock providerLock,
      AdmissionReads reads,
      StoreTransactions transactions,
      Clock clock) {
    this.usage = usage;
    this.usageWrites = usageWrites;
    this.states = states;
    this.learnedLimits = learnedLimits;
    this.providerLock = providerLock;
    this.reads = reads;
    this.transactions = transactions;
    this.clock = clock;
  }

  /**
   * Decides, and when {@code reserve} is set counts the call in every window it falls in. The time
   * is read inside the transaction, after any wait for SQLite's write lock.
   */
  @Transactional
  public Admission admit(Target configured, int estimatedTokens, boolean reserve) {
    providerLock.hold(configured.provider());
    return decide(configured, estimatedTokens, reserve);
  }

  /**
   * What {@link #admit} would answer now, counting nothing: a read-only transaction, which reads
   * beside a writer instead of queueing for the write lock.
   */
  @ReadOnly
  public Admission check(Target configured, int estimatedTokens) {
    return decide(configured, estimatedTokens, false);
  }

  private Admission decide(Target configured, int estimatedTokens, boolean reserve) {
    Instant now = clock.instant();
    Target target =
        configured.cappedBy(
            reads.learned(configured.provider(), configured.model(), configured.pool()));
    Instant minute = WindowKind.MINUTE.start(now, target.zone());
    Instant hour = WindowKind.HOUR.start(now, target.zone());
    Instant day = WindowKind.DAY.start(now, target.zone());
    List<QuotaUsage> current =
        reads.current(
            target.provider(),
            target.model(),
            target.pool(),
            minute.toEpochMilli(),
            hour.toEpochMilli(),
            day.toEpochMilli());
    List<ProviderState> relevant = reads.states(target.provider(), target.model(), target.pool());
    Refusal refusal = QuotaRules.evaluate(target, now, current, relevant, estimatedTokens);
    if (refusal != null) {
      return Admission.refused(refusal.reason(), refusal.retryAt());
    }
    if (!reserve) {
      return Admission.granted(null);
    }
    Reservation reservation =
        new Reservation(
            target.provider(),
            target.model(),
            target.shared(),
            minute,
            hour,
            day,
            estimatedTokens,
            now);
    count(target.provider(), target.model(), reservation, estimatedTokens);
    if (target.shared()) {
      count(target.provider(), ALL, reservation, estimatedTokens);
    }
    // Only rows the upstream reported counts for have anything to consume; the rows were read
    // above in this same transaction, so a provider that never sent rate-limit headers (a local
    // server, most fakes) costs no statement here.
    if (hasLearnedCounts(relevant, target)) {
      states.consumeLearned(target.provider(), target.model(), target.pool(), estimatedTokens);
    }
    return Admission.granted(reservation);
  }

  private void count(String provider, String model, Reservation reservation, int tokens) {
    usageWrites.countRequest(provider, model, reservation, tokens);
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
   * made), else in its own.
   */
  public void reconcile(Reservation reservation, int promptTokens, int completionTokens) {
    transactions.write(() -> usageWrites.reconcile(reservation, promptTokens, completionTokens));
  }

  @Transactional
  public void release(Reservation reservation) {
    usageWrites.release(reservation);
  }

  /** Stores what the upstream said about its limits; says nothing new when it said nothing. */
  @Transactional
  public void learn(String provider, String row, RateLimitInfo info, Instant now) {
    if (info == null || !LearnedState.hasCounts(info)) {
      return;
    }
    for (LearnedLimitRow limit : LimitReports.read(provider, row, info, now)) {
      learnedLimits.remember(
          limit.provider(),
          limit.model(),
          limit.windowKind(),
          limit.unit(),
          limit.limitValue(),
          limit.source(),
          limit.learnedAt());
    }
    states.ensure(provider, row, now.toEpochMilli());
    states
        .findByProviderAndModel(provider, row)
        .ifPresent(state -> states.update(LearnedState.apply(state, info, now)));
  }

  /** Records HTTP 429: what it said, a cooldown on {@code row}, and the error on the model. */
  @Transactional
  public void rateLimited(
      String provider, String model, String row, RateLimitInfo info, Instant until, Instant now) {
    learn(provider, row, info, now);
    long at = now.toEpochMilli();
    states.ensure(provider, row, at);
    states.extendCooldown(provider, row, until.toEpochMilli(), Cooldowns.reason(info), at);
    states.ensure(provider, model, at);
    states.recordError(provider, model, "HTTP 429 rate limited", at);
  }

  @Transactional
  public void setDisabled(String provider, boolean disabled, String reason, Instant now) {
    states.ensure(provider, ALL, now.toEpochMilli());
    states.setDisabled(provider, disabled, reason, now.toEpochMilli());
  }

  @Transactional
  public void recordFailure(String provider, String model, String error, Instant now) {
    states.ensure(provider, model, now.toEpochMilli());
    states.recordError(provider, model, error, now.toEpochMilli());
  }

  /** Forgets minute and hour windows too old to be shown; day rows stay for the savings. */
  @Transactional
  public void purge(Instant now) {
    usage.deleteBefore("minute", now.toEpochMilli() - MINUTE_ROWS_MS);
    usage.deleteBefore("hour", now.toEpochMilli() - HOUR_ROWS_MS);
  }

  /**
   * The usage of windows that may still be current, the all-time totals, every state and every
   * learned limit.
   */
  @ReadOnly
  public Rows rows(Instant since) {
    return new Rows(
        usage.since(since.toEpochMilli()),
        usage.totals(),
        states.findAll(),
        learnedLimits.findAll());
  }

  /** Every provider's and model's state: cooldowns, a refused key, what the upstream reported. */
  @ReadOnly
  public List<ProviderState> states() {
    return states.findAll();
  }
}
