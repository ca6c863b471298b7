package dev.coracle.worker;

import dev.coracle.activities.job.JobStore;
import dev.coracle.activities.workspace.WorkspaceNotAllowedException;
import dev.coracle.activities.workspace.WorkspacePolicy;
import dev.coracle.workflows.TaskQueues;
import dev.coracle.workflows.job.JobRequest;
import dev.coracle.workflows.job.JobWorkflow;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowOptions;
import java.time.Clock;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Restarts unfinished jobs after coracle itself restarted. The embedded Temporal server keeps
 * nothing across a restart, so the store is the source of truth: each job starts again with its own
 * workflow id and a resume point built from its checkpoints, and carries on after its last finished
 * step. Against an external cluster nothing is restarted here: Temporal resumes those workflows by
 * itself.
 */
public final class JobRecovery {
  private static final Logger log = LoggerFactory.getLogger(JobRecovery.class);

  private final Supplier<WorkflowClient> client;
  private final WorkspacePolicy workspaces;
  private final JobStore store;
  private final Clock clock;

  /**
   * @param client the client of the server jobs start on; with recycling, the current one
   */
  public JobRecovery(
      Supplier<WorkflowClient> client, WorkspacePolicy workspaces, JobStore store, Clock clock) {
    this.client = client;
    this.workspaces = workspaces;
    this.store = store;
    this.clock = clock;
  }

  /**
   * Starts each job; returns how many were started. A job that already runs is left alone. A job
   * whose workspace is no longer allowed (a root was removed from the config, the directory became
   * a symlink elsewhere) fails with the reason instead: the workspace is checked again, as if the
   * job were submitted now.
   */
  public int resume(List<JobRequest> unfinished) {
    int started = 0;
    for (JobRequest request : unfinished) {
      if (!workspaceStillAllowed(request)) {
        continue;
      }
      try {
        start(request);
        started++;
        int done =
            request.resume() == null || request.resume().steps() == null
                ? 0
                : (int) request.resume().steps().stream().filter(s -> s.finished()).count();
        log.info("resumed job {} after {} finished steps", request.jobId(), done);
      } catch (WorkflowExecutionAlreadyStarted running) {
        log.info("job {} is already running; not restarting it", request.jobId());
      }
    }
    return started;
  }

  /**
   * Starts a job that was just stopped on an older embedded server on the current one, from the
   * store's resume point, as crash recovery would; its first event says it moved. The workspace is
   * not checked again: the configuration cannot have changed within this process.
   *
   * @param stoppedAtSafePoint the old run stopped itself at a safe point, so the tool calls it had
   *     not started yet run now; when false they count as interrupted, as after a crash
   */
  public void move(JobRequest unfinished, boolean stoppedAtSafePoint) {
    JobRequest moved =
        unfinished.resumingFrom(unfinished.resume().movedToFreshServer(stoppedAtSafePoint));
    start(moved);
    log.info(
        "moved job {} to a fresh Temporal server ({})",
        unfinished.jobId(),
        stoppedAtSafePoint ? "it stopped at a safe point" : "it was stopped, as after a crash");
  }

  private void start(JobRequest request) {
    WorkflowOptions options =
        WorkflowOptions.newBuilder()
            .setWorkflowId(request.jobId())
            .setTaskQueue(TaskQueues.MAIN)
            .setWorkflowIdReusePolicy(
                WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE)
            .build();
    WorkflowClient.start(client.get().newWorkflowStub(JobWorkflow.class, options)::run, request);
  }

  private boolean workspaceStillAllowed(JobRequest request) {
    if (request.workspace() == null) {
      return true; // A fresh workspace under coracle's own workspaces directory.
    }
    try {
      workspaces.check(request.workspace());
      return true;
    } catch (WorkspaceNotAllowedException refused) {
      store.failBeforeRestart(request.jobId(), refused.getMessage(), clock.millis());
      log.warn("job {} not resumed: {}", request.jobId(), refused.getMessage());
      return false;
    }
  }
}
