package dev.coracle.api.chat;

import dev.coracle.activities.config.LoadedConfig;
import dev.coracle.activities.job.JobQueries;
import dev.coracle.activities.job.JobStoreActivitiesImpl;
import dev.coracle.api.jobs.JobEventFeed;
import dev.coracle.api.jobs.WorkspaceErrors;
import dev.coracle.api.openai.OpenAiException;
import dev.coracle.worker.TemporalConnection;
import dev.coracle.workflows.chat.ChatResult;
import dev.coracle.workflows.job.JobResult;
import dev.coracle.workflows.job.JobSnapshot;
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
                    : feed.follow(jobId, 0, event -> JobProgressLines.line(jobId, event), ""));
  }

  /** The chat's answer with the job's summary, or a note on where the job is. */
  public CompletableFuture<ChatResult> settle(ChatResult started) {
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
