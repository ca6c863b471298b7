package dev.coracle.activities.quota;

import dev.coracle.activities.providers.RateLimitInfo;
import dev.coracle.activities.store.PlainReads;
import io.micronaut.transaction.annotation.ReadOnly;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.List;

/**
 * The ledger's rows other than admissions and settlements ({@link Admissions}): what upstreams
 * said, cooldowns, disabled keys, the purge and the snapshot's reads. Each method is one short
 * transaction.
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
  private final ProviderStateRepository states;
  private final LearnedLimitRepository learnedLimits;
  private final PlainReads plainReads;

  QuotaStore(
      QuotaUsageRepository usage,
      ProviderStateRepository states,
      LearnedLimitRepository learnedLimits,
      PlainReads plainReads) {
    this.usage = usage;
    this.states = states;
    this.learnedLimits = learnedLimits;
    this.plainReads = plainReads;
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

  /**
   * Every provider's and model's state: cooldowns, a refused key, what the upstream reported. A
   * plain read outside any transaction, since every status answer makes it.
   */
  public List<ProviderState> states() {
    return plainReads.read(AdmissionReads::allStates);
  }
}
