package dev.coracle.activities.model;

import dev.coracle.activities.providers.ProviderException;
import dev.coracle.activities.providers.RateLimitInfo;
import dev.coracle.activities.providers.UpstreamReach;
import dev.coracle.activities.quota.Admission;
import dev.coracle.activities.quota.QuotaLedger;
import dev.coracle.activities.quota.Reservation;
import dev.coracle.workflows.chat.ChatErrorType;
import dev.coracle.workflows.chat.Usage;
import dev.coracle.workflows.model.ModelAnswer;
import dev.coracle.workflows.model.ModelTarget;
import io.temporal.failure.ApplicationFailure;
import jakarta.inject.Singleton;

/**
 * Counts every model call against its free tier: reserved before the call, settled after it with
 * the real usage, and what the upstream said (429s, 401/403, rate-limit headers) remembered in the
 * persisted ledger so the next request skips a provider until its time.
 */
@Singleton
public class QuotaGate {
  private final QuotaLedger ledger;

  public QuotaGate(QuotaLedger ledger) {
    this.ledger = ledger;
  }

  /** Reserves quota for the call, or fails it at once so the workflow tries the next model. */
  public Reservation reserve(ModelTarget target, int estimatedTokens) {
    Admission admission = ledger.admit(target.provider(), target.model(), estimatedTokens);
    if (!admission.admitted()) {
      throw ApplicationFailure.newNonRetryableFailure(
          admission.reason(), ChatErrorType.UPSTREAM_RATE_LIMITED.name());
    }
    return admission.reservation();
  }

  /** Remembers what a response said about limits, success or not. */
  public void learn(ModelTarget target, RateLimitInfo info) {
    if (info != null && !info.isEmpty()) {
      ledger.learn(target.provider(), target.model(), info);
    }
  }

  /**
   * Settles a call that answered, with the tokens the upstream reported. An upstream that reports
   * none (a stream without a usage chunk, the browser fallback) is not taken at its word: the
   * ledger then counts the prompt's estimate and the answer as it was actually received.
   *
   * @param promptEstimate the prompt's tokens as estimated before the call
   */
  public void succeeded(Reservation reservation, ModelAnswer answer, int promptEstimate) {
    Usage usage = answer.usage();
    if (usage == null || usage.totalTokens() == 0) {
      ledger.reconcile(reservation, promptEstimate, TokenEstimate.answer(answer));
    } else {
      ledger.reconcile(reservation, usage.promptTokens(), usage.completionTokens());
    }
  }

  /**
   * Settles a failed call by what went wrong. Only a request that never left (refused, unknown
   * host, TLS, connect timeout) gives its reservation back: the upstream counts a request once it
   * has accepted it, even one that then timed out or broke off.
   */
  public void failed(ModelTarget target, Reservation reservation, ProviderException e) {
    switch (e.type()) {
      case UPSTREAM_RATE_LIMITED -> {
        ledger.rateLimited(target.provider(), target.model(), rateLimitOf(e));
        ledger.reconcile(reservation, 0, 0);
      }
      case UPSTREAM_AUTH -> {
        ledger.disable(target.provider(), e.getMessage());
        ledger.reconcile(reservation, 0, 0);
      }
      default -> {
        if (e.reach() == UpstreamReach.NOT_SENT) {
          // The request never left: the upstream cannot have counted this call.
          ledger.release(reservation);
        } else if (e.httpStatus() != 0) {
          // An error response: the upstream counted the request but generated nothing.
          ledger.reconcile(reservation, 0, 0);
        }
        // Otherwise it was accepted and then went silent or broke (a read timeout, a dropped
        // stream): the upstream counted the request and may have spent tokens on it that it never
        // reported, so the reservation stands as estimated.
        ledger.recordFailure(target.provider(), target.model(), e.getMessage());
      }
    }
  }

  /** Undoes a reservation for a call that was never sent. */
  public void notSent(Reservation reservation) {
    ledger.release(reservation);
  }

  /** What the 429 said; when it said nothing, the ledger's default cooldown applies. */
  private static RateLimitInfo rateLimitOf(ProviderException e) {
    return e.rateLimit() != null
        ? e.rateLimit()
        : new RateLimitInfo(null, null, null, null, null, null, null, null, null);
  }
}
