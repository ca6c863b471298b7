package dev.coracle.api.openai;

import dev.coracle.activities.config.LoadedConfig;
import dev.coracle.activities.job.JobQueries;
import dev.coracle.api.jobs.JobEventFeed;
import dev.coracle.worker.TemporalConnection;
import dev.coracle.workflows.chat.ChatResult;
import dev.coracle.workflows.job.JobResult;
import dev.coracle.workflows.job.JobSnapshot;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import reactor.core.publisher.Flux;

/**
 * What a chat that started a coding job answers. Streamed, the job's progress as it happens; not
 * streamed, the job's summary if it finishes within the configured wait, else where it is and how
 * to follow it.
 */
@Singleton
public class ChatJobAnswers {
  private final JobEventFeed feed;
  private final JobQueries queries;
  private final WorkflowClient client;
  private final Duration wait;

  public ChatJobAnswers(
      JobEventFeed feed, JobQueries queries, TemporalConnection temporal, LoadedConfig config) {
    this.feed = feed;
    this.queries = queries;
    this.client = temporal.client();
    this.wait = Duration.ofSeconds(config.config().jobs().chatWaitSeconds());
  }

  /** The job's progress as lines of assistant content, ending after its last event. */
  Flux<String> progress(String jobId) {
    // An empty line keeps a quiet stream alive; it adds nothing to what the user reads.
    return feed.follow(jobId, 0, event -> JobProgressLines.line(jobId, event), "");
  }

  /** The chat's answer with the job's summary, or a note on where the job is. */
  CompletableFuture<ChatResult> settle(ChatResult started) {
    String jobId = started.jobId();
    return client
        .newUntypedWorkflowStub(jobId)
        .getResultAsync(wait.toMillis(), TimeUnit.MILLISECONDS, JobResult.class)
        .handle((result, failure) -> withContent(started, answer(jobId, result, failure)));
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
