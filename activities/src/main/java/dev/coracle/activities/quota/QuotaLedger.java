package dev.coracle.activities.quota;

import dev.coracle.activities.providers.RateLimitInfo;
import dev.coracle.activities.store.AfterAnswerWrites;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What each free tier has left, kept in SQLite so that it holds across threads, processes and
 * restarts.
 *
 * <p>A call is counted before it is made: {@link #admit} checks every window (minute, hour and day,
 * aligned to the clock in the provider's reset zone), the cooldowns, a disabled key and what the
 * upstream's headers last said, and either reserves one request and the estimated tokens or says
 * why not and when to come back. When the call ends, {@link #reconcile} replaces the estimate with
 * the real usage; a call that never reached the upstream is {@link #release}d. A call to a model
 * with no limit at all (configured or reported) is counted too, but its count is queued for the
 * after-answer writer instead of being written before the call: nothing can be over-admitted there,
 * and a process killed outright loses at most the counts still queued.
 */
@Singleton
public class QuotaLedger {

  private static final Duration PURGE_EVERY = Duration.ofMinutes(10);

  /** Usage rows this old may belong to a current window in any reset zone. */
  private static final Duration RECENT = Duration.ofDays(2);

  private static final int MAX_ERROR_LENGTH = 500;

  private final QuotaStore store;
  private final Admissions admissions;
  private final FreeTierCatalog catalog;
  private final Clock clock;
  private final AtomicLong nextPurge = new AtomicLong(Long.MIN_VALUE);
  private final AfterAnswerWrites pending;

  QuotaLedger(
      QuotaStore store,
      Admissions admissions,
      FreeTierCatalog catalog,
      Clock clock,
      AfterAnswerWrites pending) {
    this.store = store;
    this.admissions = admissions;
    this.catalog = catalog;
    this.clock = clock;
    this.pending = pending;
  }

  /**
   * Admits a call of about {@code estimatedTokens} (prompt and answer) and counts it in every
   * window before it is made, or refuses it with the reason and when to retry.
   */
  public Admission admit(String provider, String model, int estimatedTokens) {
    purgeNowAndThen(clock.instant());
    return admissions.admit(Target.of(catalog, provider, model), Math.max(0, estimatedTokens));
  }

  /** What {@link #admit} would answer now, without counting anything. */
  public Admission check(String provider, String model, int estimatedTokens) {
    return admissions.check(Target.of(catalog, provider, model), Math.max(0, estimatedTokens));
  }

  /**
   * Replaces a reservation's estimate with the tokens the call really used. Call it once, also
   * after HTTP 429 or 5xx (which reached the upstream and count), with 0 tokens when none were
   * reported.
   */
  public void reconcile(Reservation reservation, int promptTokens, int completionTokens) {
    admissions.reconcile(reservation, Math.max(0, promptTokens), Math.max(0, completionTokens));
  }

  /** Takes back a reservation whose call never reached the upstream (connection refused). */
  public void release(Reservation reservation) {
    admissions.release(reservation);
  }

  /**
   * Remembers what a response's headers said about the limits. A count of 0 left refuses calls
   * until its reset; calls admitted meanwhile are taken off the reported counts. A reported limit
   * caps its window from then on, also after a restart.
   */
  public void learn(String provider, String model, RateLimitInfo info) {
    Target target = Target.of(catalog, provider, model);
    store.learn(provider, target.upstreamRow(), info, clock.instant());
  }

  /**
   * Records HTTP 429 and cools the model (or the provider's shared pool) down. When a day or an
   * hour ran out, until that window resets (a day ends at midnight in the provider's reset zone),
   * whatever the upstream's {@code Retry-After} says; otherwise until the {@code Retry-After}, else
   * the exhausted window's reset, else a minute. A longer cooldown already in place is kept.
   *
   * @return when the cooldown set by this response ends
   */
  public Instant rateLimited(String provider, String model, RateLimitInfo info) {
    Instant now = clock.instant();
    Target target = Target.of(catalog, provider, model);
    Instant until = Cooldowns.until(info, now, target.zone());
    store.rateLimited(provider, model, target.upstreamRow(), info, until, now);
    return until;
  }

  /** Stops admitting calls to a provider whose key was refused (HTTP 401/403). */
  public void disable(String provider, String reason) {
    store.setDisabled(provider, true, shorten(reason), clock.instant());
  }

  /** Admits calls to a disabled provider again; cooldowns still hold. */
  public void enable(String provider) {
    store.setDisabled(provider, false, null, clock.instant());
  }

  /** Remembers a model's latest error for the status page. */
  public void recordFailure(String provider, String model, String error) {
    store.recordFailure(provider, model, shorten(error), clock.instant());
  }

  /** Every configured model (the local Ollama's first), in configuration order. */
  public List<ModelQuota> snapshot() {
    // Calls that answered settle after their answer; the snapshot shows them settled.
    pending.awaitWritten();
    Instant now = clock.instant();
    return QuotaSnapshots.build(catalog, store.rows(now.minus(RECENT)), now);
  }

  /**
   * The configured models that are disabled or cooling down now, in configuration order: what a
   * status answer says about providers. It reads only the providers' states, and does not wait for
   * the after-answer writer, since a refused key and a 429's cooldown are written at once, before
   * the next candidate is chosen.
   */
  public List<RestingModel> resting() {
    return QuotaSnapshots.resting(catalog, store.states(), clock.instant());
  }

  /** The savings of every configured model together. */
  public Savings savings() {
    return snapshot().stream().map(ModelQuota::savings).reduce(Savings.NONE, Savings::plus);
  }

  /** Deletes old minute and hour rows now and then; the day rows stay. */
  private void purgeNowAndThen(Instant now) {
    long due = nextPurge.get();
    if (now.toEpochMilli() >= due
        && nextPurge.compareAndSet(due, now.plus(PURGE_EVERY).toEpochMilli())) {
      store.purge(now);
    }
  }

  private static String shorten(String text) {
    if (text == null) {
      return null;
    }
    String line = text.replaceAll("\\s+", " ").trim();
    return line.length() <= MAX_ERROR_LENGTH ? line : line.substring(0, MAX_ERROR_LENGTH) + "…";
  }
}
