package dev.coracle.worker;

import com.uber.m3.tally.Scope;
import com.uber.m3.tally.ScopeCloseException;
import dev.coracle.activities.config.CoracleConfig.TemporalConfig;
import dev.coracle.activities.temporal.WorkflowIndexStore;
import dev.coracle.worker.visibility.WorkflowIndex;
import dev.coracle.workflows.job.JobRequest;
import dev.coracle.workflows.job.JobResult;
import dev.coracle.workflows.job.JobWorkflow;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.serviceclient.WorkflowServiceStubs;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.slf4j.LoggerFactory;

/**
 * coracle's way to Temporal: the embedded server (whose generations are recycled to bound its
 * memory) or an external cluster. The worker factory shares the client it polls with, which is what
 * lets eager workflow start hand the first workflow task straight back in the start response.
 *
 * <p>With the embedded server the client changes at each recycle, so callers ask for it at each use
 * ({@link #client()} to start something new, {@link #clientFor(String)} to reach a running
 * workflow) and never keep it.
 */
public final class TemporalConnection implements AutoCloseable {
  private final TemporalGenerations generations;
  private final External external;
  private final String description;
  private final Scope metrics;
  private final TemporalInterceptors interceptors;

  /** An external cluster: one client and one worker for the life of the process. */
  private static final class External {
    final WorkflowServiceStubs stubs;
    final WorkflowClient client;
    CoracleWorker worker;

    External(WorkflowServiceStubs stubs, String namespace, TemporalInterceptors interceptors) {
      this.stubs = stubs;
      this.client =
          WorkflowClient.newInstance(
              stubs,
              WorkflowClientOptions.newBuilder()
                  .setNamespace(namespace)
                  .setInterceptors(interceptors.clientArray())
                  .build());
    }
  }

  private TemporalConnection(
      TemporalGenerations generations,
      External external,
      String description,
      Scope metrics,
      TemporalInterceptors interceptors) {
    this.generations = generations;
    this.external = external;
    this.description = description;
    this.metrics = metrics;
    this.interceptors = interceptors;
  }

  /**
   * Starts the embedded server when configured so, then connects.
   *
   * @param metrics where the Temporal SDK reports its meters; every generation of the embedded
   *     server reports to this same scope, so its counters go on across recycling; the connection
   *     closes it
   */
  public static TemporalConnection open(TemporalConfig config, String listenHost, Scope metrics) {
    return open(config, listenHost, metrics, TemporalInterceptors.NONE);
  }

  /**
   * Starts the embedded server when configured so, then connects, with {@code interceptors} on
   * every client and worker.
   */
  public static TemporalConnection open(
      TemporalConfig config, String listenHost, Scope metrics, TemporalInterceptors interceptors) {
    if (config.embedded()) {
      WorkflowIndex index = new WorkflowIndex();
      EmbeddedTemporal server = EmbeddedTemporal.start(listenHost, config.embeddedPort(), index);
      return new TemporalConnection(
          new TemporalGenerations(
              server, config.namespace(), config.recycle(), index, metrics, interceptors),
          null,
          "embedded test server on " + listenHost + ":" + server.port(),
          metrics,
          interceptors);
    }
    WorkflowServiceStubs stubs = ExternalTemporal.connect(config, metrics);
    String security =
        config.hasApiKey()
            ? ", TLS with API key"
            : config.tls().mutual() ? ", mTLS" : config.tls().on() ? ", TLS" : "";
    return new TemporalConnection(
        null,
        new External(stubs, config.namespace(), interceptors),
        config.target() + " namespace " + config.namespace() + security,
        metrics,
        interceptors);
  }

  /** The client to start new workflows with. Ask again for each start; never keep it. */
  public WorkflowClient client() {
    return isEmbedded() ? generations.client() : external.client;
  }

  /**
   * The client that reaches the running workflow {@code workflowId}, for signals, queries and
   * results. With the embedded server this is the generation where it runs now; while a job moves
   * between two servers, this waits until it runs on the new one.
   */
  public WorkflowClient clientFor(String workflowId) {
    return isEmbedded() ? generations.clientFor(workflowId) : external.client;
  }

  /**
   * The clients of every embedded server still open, the current one first: a closed workflow's
   * history stays on the server it ran on until that server is closed. One client with an external
   * cluster.
   */
  public List<WorkflowClient> clients() {
    return isEmbedded() ? generations.clients() : List.of(external.client);
  }

  /**
   * Runs {@code call} against the server where the workflow runs. A call that found the workflow
   * closed because it was moved to a fresh server meanwhile is tried again there.
   */
  public <T> T onWorkflow(String workflowId, Function<WorkflowClient, T> call) {
    for (int attempt = 1; ; attempt++) {
      long movedBefore = isEmbedded() ? generations.jobsMoved() : 0;
      try {
        return call.apply(clientFor(workflowId));
      } catch (WorkflowNotFoundException closed) {
        boolean moved =
            isEmbedded()
                && (generations.moving(workflowId) || generations.jobsMoved() != movedBefore);
        if (!moved || attempt >= 3) {
          throw closed;
        }
      }
    }
  }

  /**
   * The outcome of a coding job, waiting at most {@code wait}. A run that handed the job over to a
   * fresh server is not its outcome: the wait goes on where the job runs now.
   */
  public CompletableFuture<JobResult> jobResult(String jobId, Duration wait) {
    long deadline = System.nanoTime() + wait.toNanos();
    return CompletableFuture.supplyAsync(() -> clientFor(jobId))
        .thenCompose(
            client -> {
              long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
              if (left <= 0) {
                return CompletableFuture.failedFuture(new TimeoutException());
              }
              return client
                  .newUntypedWorkflowStub(jobId)
                  .getResultAsync(left, TimeUnit.MILLISECONDS, JobResult.class);
            })
        .thenCompose(
            result ->
                JobWorkflow.HANDED_OVER.equals(result.status())
                    ? jobResult(jobId, Duration.ofNanos(Math.max(0, deadline - System.nanoTime())))
                    : CompletableFuture.completedFuture(result));
  }

  /** Starts polling with coracle's worker; with the embedded server, on every generation. */
  public void startWorker(CoracleWorker.Activities activities) {
    if (isEmbedded()) {
      generations.startWorker(activities);
    } else {
      external.worker = new CoracleWorker(external.client, activities, interceptors);
      external.worker.start();
    }
  }

  /**
   * Turns recycling of the embedded server on (nothing with an external cluster, which keeps its
   * own history and retention).
   *
   * @param index where the workflows of closed servers are listed
   * @param unfinished the store's restart request for a job, empty once it has finished
   * @param chatDrain how long a retired server waits for its chats to finish
   */
  public void startRecycling(
      WorkflowIndexStore index,
      JobRecovery recovery,
      Function<String, Optional<JobRequest>> unfinished,
      Duration chatDrain) {
    if (isEmbedded()) {
      generations.attachIndex(index);
      generations.startRecycling(recovery, unfinished, chatDrain);
    }
  }

  /**
   * Stops polling and lets running activities finish, up to {@code grace}. With the embedded
   * server, also copies its workflows to the store's index, so the CLI's list survives a restart.
   */
  public void stopWorker(Duration grace) {
    if (isEmbedded()) {
      generations.stopWorkers(grace);
    } else if (external.worker != null) {
      external.worker.shutdown(grace);
    }
  }

  /** How many times the embedded server was replaced by a fresh one; 0 with an external cluster. */
  public int recycles() {
    return isEmbedded() ? generations.recycles() : 0;
  }

  /**
   * Workflows started on the embedded servers still open, which hold them all in memory; 0 with an
   * external cluster.
   */
  public long heldWorkflows() {
    return isEmbedded() ? generations.heldWorkflows() : 0;
  }

  /** The current embedded server generation (1 at start); 0 with an external cluster. */
  public int generation() {
    return isEmbedded() ? generations.generation() : 0;
  }

  /** A short line for the start-up summary. */
  public String description() {
    return description;
  }

  public boolean isEmbedded() {
    return generations != null;
  }

  /**
   * Closes the clients and the embedded server, then the metrics scope they reported to and what
   * the interceptors report to.
   */
  @Override
  public void close() {
    if (isEmbedded()) {
      generations.close();
    } else {
      external.stubs.shutdown();
      external.stubs.awaitTermination(2, TimeUnit.SECONDS);
      external.stubs.shutdownNow();
    }
    closeMetrics();
    interceptors.close();
  }

  private void closeMetrics() {
    try {
      metrics.close();
    } catch (ScopeCloseException e) {
      LoggerFactory.getLogger(TemporalConnection.class).debug("metrics scope did not close", e);
    }
  }
}
