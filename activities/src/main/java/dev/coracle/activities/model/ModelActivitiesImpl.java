package dev.coracle.activities.model;

import dev.coracle.activities.browser.BrowserFallback;
import dev.coracle.activities.guard.Guardrails;
import dev.coracle.activities.job.JobTranscripts;
import dev.coracle.activities.metrics.CoracleMetrics;
import dev.coracle.activities.providers.ModelInvoker;
import dev.coracle.activities.providers.OllamaGenerate;
import dev.coracle.activities.providers.ProviderException;
import dev.coracle.activities.providers.ProviderKind;
import dev.coracle.activities.providers.TokenSink;
import dev.coracle.activities.quota.Reservation;
import dev.coracle.activities.store.AfterAnswerWrites;
import dev.coracle.activities.store.AuditLog;
import dev.coracle.activities.streaming.StreamListener;
import dev.coracle.activities.streaming.TokenHub;
import dev.coracle.workflows.chat.ChatErrorType;
import dev.coracle.workflows.chat.ChatMessage;
import dev.coracle.workflows.job.CoderTurn;
import dev.coracle.workflows.job.CoderTurnActivities;
import dev.coracle.workflows.model.ModelActivities;
import dev.coracle.workflows.model.ModelAnswer;
import dev.coracle.workflows.model.ModelCall;
import dev.coracle.workflows.model.ModelTarget;
import io.temporal.failure.ApplicationFailure;
import jakarta.inject.Singleton;
import java.util.List;

/**
 * Calls one model: gets the LLM slot ready for a local model, reserves free-tier quota, calls the
 * API (or the browser fallback), settles the quota and writes the audit row (after an answer, on
 * the store's writer: {@link AfterAnswerWrites}). A request that leaves the machine goes through
 * the guardrails first. Failures become typed {@code ApplicationFailure}s: only an unreachable or
 * failing upstream is worth retrying; for the rest the workflow moves on to the next candidate. The
 * call heartbeats while it runs (see {@link CallPulse}).
 */
@Singleton
public class ModelActivitiesImpl implements ModelActivities, CoderTurnActivities {
  /** The purpose a coder turn is audited and counted under, as when its messages came inline. */
  static final String CODER_PURPOSE = "job-coder";

  private final ProviderCatalog catalog;
  private final ModelInvoker invoker;
  private final BrowserFallback browser;
  private final TokenHub hub;
  private final QuotaGate quota;
  private final LocalSlotGate slot;
  private final AuditLog audit;
  private final Guardrails guard;
  private final JobTranscripts transcripts;
  private final CoracleMetrics metrics;
  private final AfterAnswerWrites writes;
  private final OllamaGenerate generate = new OllamaGenerate();

  public ModelActivitiesImpl(
      ProviderCatalog catalog,
      ModelInvoker invoker,
      BrowserFallback browser,
      TokenHub hub,
      QuotaGate quota,
      LocalSlotGate slot,
      AuditLog audit,
      Guardrails guard,
      JobTranscripts transcripts,
      CoracleMetrics metrics,
      AfterAnswerWrites writes) {
    this.catalog = catalog;
    this.invoker = invoker;
    this.browser = browser;
    this.hub = hub;
    this.quota = quota;
    this.slot = slot;
    this.audit = audit;
    this.guard = guard;
    this.transcripts = transcripts;
    this.metrics = metrics;
    this.writes = writes;
  }

  /**
   * A job's coder turn: the conversation and tools are read from the store and the call is then
   * exactly a {@link #call(ModelCall)}, with its slot, quota, redaction and audit.
   */
  @Override
  public ModelAnswer call(ModelTarget target, CoderTurn turn) {
    return call(
        new ModelCall(
            target,
            transcripts.messages(turn),
            turn.params(),
            null,
            turn.jobId(),
            CODER_PURPOSE,
            transcripts.tools(turn)));
  }

  @Override
  public ModelAnswer call(ModelCall call) {
    ModelTarget target = call.target();
    ConfiguredProvider provider =
        catalog
            .find(target.provider())
            .orElseThrow(
                () ->
                    ApplicationFailure.newNonRetryableFailure(
                        "provider " + target.provider() + " is no longer configured",
                        ChatErrorType.UPSTREAM_REJECTED.name()));
    try (CallPulse pulse = CallPulse.start()) {
      refuseToRepeat(call, pulse);
      if (provider.kind() == ProviderKind.OLLAMA && provider.local()) {
        slot.prepare(provider.endpoint().baseUrl(), target.model());
      }
      return answer(call, provider, pulse);
    }
  }

  private ModelAnswer answer(ModelCall call, ConfiguredProvider provider, CallPulse pulse) {
    ModelTarget target = call.target();
    List<ChatMessage> messages = outgoing(call, provider);
    Reservation reservation =
        reserve(call, TokenEstimate.total(messages, call.tools(), call.params()));
    TokenSink sink = pulse.counting(sinkFor(call));
    try {
      ModelAnswer answer =
          provider.kind() == ProviderKind.BROWSER
              ? browser.ask(target.model(), messages, sink)
              : completesNatively(call, provider)
                  ? generate.complete(
                      provider.endpoint(),
                      target.model(),
                      call.params().completion(),
                      call.params(),
                      sink)
                  : invoker.invoke(
                      provider.endpoint(),
                      target.model(),
                      messages,
                      call.params(),
                      call.tools(),
                      sink,
                      info -> quota.learn(target, info));
      settleLater(call, reservation, answer, TokenEstimate.prompt(messages, call.tools()));
      return answer;
    } catch (ProviderException e) {
      quota.failed(target, reservation, e);
      record(call, e.type().name(), null, e.getMessage());
      throw toFailure(e, pulse.progress());
    } catch (IllegalArgumentException e) {
      // The request cannot be expressed for this upstream (a schema or tool choice it refuses);
      // retrying cannot help, another candidate might.
      quota.notSent(reservation);
      String message = target.qualifiedName() + ": " + e.getMessage();
      record(call, ChatErrorType.UPSTREAM_REJECTED.name(), null, message);
      throw ApplicationFailure.newNonRetryableFailure(
          message, ChatErrorType.UPSTREAM_REJECTED.name());
    }
  }

  /**
   * The messages as this provider may see them. A model on this machine gets them as they are;
   * anything else (a cloud API, the browser fallback's web UI) gets them redacted. Both the target
   * and the configured provider must say local: a disagreement errs on the side of redacting.
   */
  private List<ChatMessage> outgoing(ModelCall call, ConfiguredProvider provider) {
    boolean local =
        call.target().local() && provider.local() && provider.kind() != ProviderKind.BROWSER;
    return local
        ? call.messages()
        : guard.forCloud(call.messages(), call.workflowId(), call.requestClass());
  }

  /**
   * A text completion goes to Ollama's native completion API when the model runs on this machine.
   * Anything else gets the request's messages, which restate the completion as a chat and which the
   * guardrails have redacted; the raw prompt and suffix never leave the machine.
   */
  private static boolean completesNatively(ModelCall call, ConfiguredProvider provider) {
    return call.params() != null
        && call.params().textCompletion()
        && provider.kind() == ProviderKind.OLLAMA
        && provider.local()
        && call.target().local();
  }

  private Reservation reserve(ModelCall call, int estimatedTokens) {
    try {
      return quota.reserve(call.target(), estimatedTokens);
    } catch (ApplicationFailure refused) {
      record(call, "QUOTA_EXHAUSTED", null, refused.getOriginalMessage());
      throw refused;
    }
  }

  private TokenSink sinkFor(ModelCall call) {
    StreamListener listener = hub.listenerFor(call.streamKey());
    if (listener == null) {
      return null;
    }
    listener.onStart(call.target().provider(), call.target().model(), call.requestClass());
    return listener;
  }

  /**
   * A later attempt of a call whose stream had reached the client (its worker died, or Temporal
   * timed it out) must not start the answer again: the client would get it twice.
   */
  private void refuseToRepeat(ModelCall call, CallPulse pulse) {
    CallPulse.Progress earlier = pulse.earlierAttempt().orElse(null);
    if (earlier == null || earlier.pieces() == 0) {
      return;
    }
    String message =
        call.target().qualifiedName()
            + ": stream broke after tokens were sent: the attempt streaming it stopped answering"
            + partialNote(earlier);
    record(call, ChatErrorType.STREAM_BROKEN.name(), null, message);
    throw ApplicationFailure.newNonRetryableFailureWithCause(
        message, ChatErrorType.STREAM_BROKEN.name(), null, earlier.partial());
  }

  /**
   * Only an unreachable or failing upstream is worth another attempt, and not one that was too
   * slow: the next candidate takes over at once. A broken stream carries the partial answer in its
   * details, so the workflow's history shows what the client got and why it ended.
   */
  private static ApplicationFailure toFailure(ProviderException e, CallPulse.Progress progress) {
    String type = e.type().name();
    if (e.type() == ChatErrorType.STREAM_BROKEN) {
      return ApplicationFailure.newNonRetryableFailureWithCause(
          e.getMessage() + partialNote(progress), type, null, progress.partial());
    }
    return e.type() == ChatErrorType.UPSTREAM_UNAVAILABLE && !e.timedOut()
        ? ApplicationFailure.newFailureWithCause(e.getMessage(), type, null)
        : ApplicationFailure.newNonRetryableFailureWithCause(e.getMessage(), type, null);
  }

  private static String partialNote(CallPulse.Progress progress) {
    return " (the client got "
        + progress.pieces()
        + (progress.pieces() == 1 ? " piece" : " pieces")
        + ", "
        + progress.partial().length()
        + " characters of text)";
  }

  /**
   * Settles the reservation and audits the call after the answer has gone back, on the store's
   * writer: neither changes what the next call is admitted to (the request was counted when it was
   * reserved), and the answer need not wait for them. A failed call settles at once instead, since
   * what it tells the ledger (a cooldown, a disabled key) decides the next candidate.
   */
  private void settleLater(
      ModelCall call, Reservation reservation, ModelAnswer answer, int promptEstimate) {
    writes.submit(
        "quota settlement and audit row of " + call.workflowId(),
        () -> {
          quota.succeeded(reservation, answer, promptEstimate);
          record(call, "ok", answer, null);
        });
  }

  private void record(ModelCall call, String outcome, ModelAnswer answer, String error) {
    audit.record(
        call.workflowId(),
        call.requestClass(),
        call.target().provider(),
        call.target().model(),
        outcome,
        answer == null ? 0 : answer.usage().promptTokens(),
        answer == null ? 0 : answer.usage().completionTokens(),
        answer == null ? 0 : answer.modelMillis(),
        error);
    metrics.modelCall(call.target().provider(), call.target().model(), outcome, answer);
  }
}
