package dev.coracle.api.chat;

import dev.coracle.activities.config.LoadedConfig;
import dev.coracle.activities.job.JobQueries;
import dev.coracle.activities.job.JobStoreActivitiesImpl;
import dev.coracle.api.jobs.JobEventFeed;
import dev.coracle.api.jobs.WorkspaceErrors;
import dev.coracle.api.openai.OpenAiException;
import dev.coracle.worker.TemporalConnection;
import dev.coracle.workflows.chat.ChatResult;
import dev.coracle.workflows.job.JobEvent;
import dev.coracle.workflows.job.JobResult;
import dev.coracle.workflows.job.JobSnapshot;
import dev.coracle.workflows.job.JobStatus;
import io.temporal.client.WorkflowFailedException;
import io.temporal.failure.ApplicationFailure;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * What a chat that started a coding job answers. Streamed, the job's progress as it happens; not
 * streamed, the job's summary if it finishes within the configured wait, else where it is and how
 * to follow it.
 */
@Singleton
public class ChatJobAnswers {
  private final JobEventFeed feed;
  private final JobQueries queries;
  private final TemporalConnection temporal;
  private final Duration wait;

  /** How long a streamed chat waits for the job it started to be registered. */
  private static final Duration REGISTRATION_WAIT = Duration.ofSeconds(30);

  private static final Duration REGISTRATION_POLL = Duration.ofMillis(50);

  public ChatJobAnswers(
      JobEventFeed feed, JobQueries queries, TemporalConnection temporal, LoadedConfig config) {
    this.feed = feed;
    this.queries = queries;
    this.temporal = temporal;
    this.wait = Duration.ofSeconds(config.config().jobs().chatWaitSeconds());
  }

  /**
   * The job's progress as lines of assistant content, ending after its last event; an error when
   * the store refused the job because another job holds its workspace.
   */
  public Flux<String> progress(String jobId) {
    return Mono.fromCallable(() -> registration(jobId))
        .subscribeOn(Schedulers.boundedElastic())
        .flatMapMany(
            refused ->
                refused.isPresent()
                    ? Flux.error(refused.get())
                    // An empty line keeps a quiet stream alive; it adds nothing the user reads.
                    : feed.follow(
                        jobId,
                        followFrom(jobId),
                        event -> JobProgressLines.line(jobId, event),
                        "",
                        event -> waitsNow(jobId, event)));
  }

  /**
   * Where a chat starts following: after the last decision on the job's plan when there was one, so
   * the chat that approved or rejected it shows what followed and not the plan again; else from the
   * start.
   */
  private long followFrom(String jobId) {
    return queries
        .latestEvent(jobId, JobEvent.APPROVED, JobEvent.REJECTED)
        .map(decision -> decision.seq() - 1)
        .orElse(0L);
  }

  /**
   * True for the plan the job waits on now: the chat ends there, with the plan and how to answer
   * it. A plan that was answered meanwhile is followed past.
   */
  private boolean waitsNow(String jobId, JobEvent event) {
    return JobEvent.WAITING_APPROVAL.equals(event.type())
        && queries.status(jobId).filter(s -> s == JobStatus.WAITING_APPROVAL).isPresent()
        && queries.eventsAfter(jobId, event.seq(), 1).isEmpty();
  }

  /** The chat's answer with the job's summary, or a note on where the job is. */
  public CompletableFuture<ChatResult> settle(ChatResult started) {
    CompletableFuture<ChatResult> finished = finished(started);
    // A job that stops to have its plan approved answers with the plan, not after the wait.
    return Mono.fromCallable(() -> waitingPlan(started.jobId(), finished))
        .subscribeOn(Schedulers.boundedElastic())
        .toFuture()
        .thenCompose(
            plan ->
                plan == null
                    ? finished
                    : CompletableFuture.completedFuture(withContent(started, plan)));
  }

  /**
   * The plan the job waits on, as the chat shows it, once it waits; null when the job finished
   * first or the wait ran out.
   */
  private String waitingPlan(String jobId, CompletableFuture<ChatResult> finished)
      throws InterruptedException {
    long deadline = System.nanoTime() + wait.toNanos();
    while (!finished.isDone() && System.nanoTime() < deadline) {
      Optional<JobEvent> plan = currentPlan(jobId);
      if (plan.isPresent()) {
        return JobProgressLines.waiting(jobId, plan.get().message()).strip();
      }
      Thread.sleep(REGISTRATION_POLL.toMillis() * 4);
    }
    return null;
  }

  /** The event that shows the plan the job waits on now, if it waits. */
  private Optional<JobEvent> currentPlan(String jobId) {
    if (queries.status(jobId).filter(s -> s == JobStatus.WAITING_APPROVAL).isEmpty()) {
      return Optional.empty();
    }
    long decided =
        queries
            .latestEvent(jobId, JobEvent.APPROVED, JobEvent.REJECTED)
            .map(JobEvent::seq)
            .orElse(0L);
    return queries
        .latestEvent(jobId, JobEvent.WAITING_APPROVAL)
        .filter(plan -> plan.seq() > decided);
  }

  private CompletableFuture<ChatResult> finished(ChatResult started) {
    String jobId = started.jobId();
    // Followed across recycles of the embedded server, where the job moves to a fresh one.
    return temporal
        .jobResult(jobId, wait)
        .handle(
            (result, failure) -> {
              Optional<OpenAiException> refused = refusal(failure);
              if (refused.isPresent()) {
                throw refused.get();
              }
              return withContent(started, answer(jobId, result, failure));
            });
  }

  /**
   * Waits until the job's row is in the store, so its events can be followed, or until the job
   * ended without one: the store refused it, and the refusal is returned.
   */
  private Optional<OpenAiException> registration(String jobId) throws InterruptedException {
    // Bounded like the wait, so no long poll outlives it.
    CompletableFuture<JobResult> result = temporal.jobResult(jobId, REGISTRATION_WAIT);
    long deadline = System.nanoTime() + REGISTRATION_WAIT.toNanos();
    while (System.nanoTime() < deadline && queries.status(jobId).isEmpty()) {
      if (result.isDone()) {
        return result.isCompletedExceptionally()
            ? refusal(result.handle((ok, failure) -> failure).join())
            : Optional.empty();
      }
      Thread.sleep(REGISTRATION_POLL.toMillis());
    }
    return Optional.empty();
  }

  /** A job the store refused because another unfinished job holds its workspace, as a 409. */
  private static Optional<OpenAiException> refusal(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof ApplicationFailure application
          && JobStoreActivitiesImpl.WORKSPACE_BUSY.equals(application.getType())) {
        return Optional.of(
            WorkspaceErrors.busy(application.getOriginalMessage(), ChatService.WORKSPACE_HEADER));
      }
    }
    return Optional.empty();
  }

  private String answer(String jobId, JobResult result, Throwable failure) {
    if (failure == null) {
      return result.summary();
    }
    Throwable cause = failure.getCause() != null ? failure.getCause() : failure;
    if (failure instanceof TimeoutException || cause instanceof TimeoutException) {
      return JobProgressLines.stillRunning(jobId, where(jobId));
    }
    if (failure instanceof WorkflowFailedException || cause instanceof WorkflowFailedException) {
      String error = queries.find(jobId).map(JobSnapshot::error).orElse(cause.getMessage());
      return "Coding job " + jobId + " failed: " + error;
    }
    return JobProgressLines.stillRunning(jobId, where(jobId));
  }

  private String where(String jobId) {
    return queries
        .find(jobId)
        .map(
            job ->
                job.currentStep() > 0
                    ? "step " + job.currentStep() + " of " + job.stepCount() + ", " + job.stage()
                    : job.stage())
        .orElse(null);
  }

  private static ChatResult withContent(ChatResult started, String content) {
    return new ChatResult(
        started.classification(),
        started.provider(),
        started.model(),
        content,
        started.finishReason(),
        started.usage(),
        started.modelMillis(),
        started.fallbacks(),
        started.toolCalls(),
        started.cacheHit(),
        started.jobId());
  }
}
