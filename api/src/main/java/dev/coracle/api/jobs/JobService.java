package dev.coracle.api.jobs;

import com.github.f4b6a3.ulid.UlidCreator;
import dev.coracle.activities.config.CoracleConfig.JobsConfig;
import dev.coracle.activities.config.LoadedConfig;
import dev.coracle.activities.job.JobQueries;
import dev.coracle.activities.job.JobStore;
import dev.coracle.activities.job.WorkspaceBusyException;
import dev.coracle.activities.workspace.WorkspaceNotAllowedException;
import dev.coracle.activities.workspace.WorkspacePolicy;
import dev.coracle.worker.TemporalConnection;
import dev.coracle.workflows.TaskQueues;
import dev.coracle.workflows.chat.ChatRequest;
import dev.coracle.workflows.job.JobLimits;
import dev.coracle.workflows.job.JobRequest;
import dev.coracle.workflows.job.JobSnapshot;
import dev.coracle.workflows.job.JobStatus;
import dev.coracle.workflows.job.JobWorkflow;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowOptions;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Objects;

/**
 * Starts coding jobs: records each in the store first, so it is listed at once and recovery knows
 * it even if the process dies before the workflow runs, then starts its {@code JobWorkflow}.
 */
@Singleton
public class JobService {

  private final TemporalConnection temporal;
  private final JobStore store;
  private final JobQueries queries;
  private final JobLimits limits;
  private final WorkspacePolicy workspaces;
  private final Clock clock;

  public JobService(
      TemporalConnection connection,
      LoadedConfig config,
      JobStore store,
      JobQueries queries,
      WorkspacePolicy workspaces,
      Clock clock) {
    this.temporal = connection;
    this.store = store;
    this.queries = queries;
    this.workspaces = workspaces;
    this.limits = limits(config.config().jobs());
    this.clock = clock;
    this.host = config.config().jobs().pinnedHost();
  }

  /** The host new jobs are pinned to ({@code jobs.host-id}); null lets their first worker pick. */
  private final String host;

  /**
   * The job id for a request: {@code job-<ULID>}, or one derived from the client's idempotency key
   * so that a retried request finds the job the first one started.
   */
  String jobIdFor(String idempotencyKey) {
    if (idempotencyKey == null || idempotencyKey.isBlank()) {
      return "job-" + UlidCreator.getMonotonicUlid().toString();
    }
    return "job-idem-" + sha256(idempotencyKey).substring(0, 32);
  }

  /**
   * Registers and starts a job; the same job again when the id is already taken by the same
   * request. A workspace the policy refuses, or one another unfinished job holds, leaves no row.
   *
   * @return the job as stored, queued unless it already ran
   * @throws dev.coracle.api.openai.OpenAiException 400 {@code workspace_not_allowed} or 409 {@code
   *     workspace_busy}
   */
  JobSnapshot start(String jobId, JobSubmission submission) {
    JobRequest request = request(jobId, allowedWorkspace(submission.workspace()), submission);
    try {
      store.register(request, clock.millis());
    } catch (WorkspaceBusyException busy) {
      throw WorkspaceErrors.busy(busy);
    }
    JobRequest registered = queries.request(jobId).orElseThrow();
    if (!sameJob(registered, request)) {
      throw JobErrors.idempotencyKeyReused();
    }
    JobSnapshot stored = queries.find(jobId).orElseThrow();
    if (JobStatus.fromWireName(stored.status()).finished()) {
      // A retry of a job that has finished, perhaps on an embedded server since recycled: the
      // store's answer stands and nothing runs again.
      return stored;
    }
    WorkflowOptions options =
        WorkflowOptions.newBuilder()
            .setWorkflowId(jobId)
            .setTaskQueue(TaskQueues.MAIN)
            .setWorkflowIdReusePolicy(
                WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE)
            // Eager start: the first workflow task comes back in the start response.
            .setDisableEagerExecution(false)
            .build();
    // Where the job already runs (a retried request during a recycle), else the current server.
    JobWorkflow workflow = temporal.clientFor(jobId).newWorkflowStub(JobWorkflow.class, options);
    try {
      WorkflowClient.start(workflow::run, request);
    } catch (WorkflowExecutionAlreadyStarted sameJob) {
      // A retried request: the job it asked for is already under way.
    }
    return queries.find(jobId).orElseThrow();
  }

  /** The real path of the workspace, or null for a fresh one. */
  private String allowedWorkspace(String workspace) {
    if (workspace == null) {
      return null;
    }
    try {
      return workspaces.check(workspace).toString();
    } catch (WorkspaceNotAllowedException refused) {
      throw WorkspaceErrors.notAllowed(refused, "workspace");
    }
  }

  private JobRequest request(String jobId, String workspace, JobSubmission submission) {
    ChatRequest chat =
        new ChatRequest(
            submission.chat().model(),
            submission.chat().messages(),
            submission.chat().params(),
            null,
            null,
            false,
            workspace,
            null);
    JobLimits jobLimits =
        submission.approvePlan() == null
            ? limits
            : limits.withApprovePlan(submission.approvePlan());
    return new JobRequest(jobId, chat, workspace, submission.requestClass(), jobLimits, null, host);
  }

  /**
   * What makes two requests the same job for an idempotency key: the conversation, the model and
   * its settings, the workspace and the class; not the limits, which follow the config.
   */
  private static boolean sameJob(JobRequest a, JobRequest b) {
    return Objects.equals(a.chat().model(), b.chat().model())
        && Objects.equals(a.chat().messages(), b.chat().messages())
        && Objects.equals(a.chat().params(), b.chat().params())
        && Objects.equals(a.workspace(), b.workspace())
        && a.requestClass() == b.requestClass();
  }

  private static JobLimits limits(JobsConfig jobs) {
    return jobs.limits();
  }

  private static String sha256(String text) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is always available", e);
    }
  }
}
