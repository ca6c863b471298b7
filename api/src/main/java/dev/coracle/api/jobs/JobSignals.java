package dev.coracle.api.jobs;

import dev.coracle.activities.job.JobQueries;
import dev.coracle.worker.TemporalConnection;
import dev.coracle.workflows.job.JobPlan;
import dev.coracle.workflows.job.JobSnapshot;
import dev.coracle.workflows.job.JobStatus;
import dev.coracle.workflows.job.JobWorkflow;
import io.temporal.client.WorkflowNotFoundException;
import jakarta.inject.Singleton;
import java.util.function.Consumer;

/**
 * Cancels, pauses and resumes jobs. The store decides whether a job exists and has finished, so the
 * answer is the same whether or not its workflow is still in Temporal's memory.
 */
@Singleton
public class JobSignals {

  private final TemporalConnection temporal;
  private final JobQueries queries;

  public JobSignals(TemporalConnection temporal, JobQueries queries) {
    this.temporal = temporal;
    this.queries = queries;
  }

  JobSnapshot cancel(String jobId, String reason) {
    return send(jobId, job -> job.cancel(reason));
  }

  JobSnapshot pause(String jobId) {
    return send(jobId, JobWorkflow::pause);
  }

  JobSnapshot resume(String jobId) {
    return send(jobId, JobWorkflow::resume);
  }

  /**
   * Approves the plan of a waiting job, as it is or replaced by an already validated one. Public:
   * the chat doors approve through here too.
   *
   * @throws dev.coracle.api.openai.OpenAiException 404 for an unknown job, 409 {@code
   *     job_not_waiting} for a job that does not wait for approval
   */
  public JobSnapshot approve(String jobId, JobPlan edited) {
    return sendWaiting(jobId, job -> job.approve(edited));
  }

  /** Rejects the plan of a waiting job with the reason its replan sees. */
  public JobSnapshot reject(String jobId, String reason) {
    return sendWaiting(jobId, job -> job.reject(reason));
  }

  /** Approval decisions are for a job that waits for one; anything else is a 409. */
  private JobSnapshot sendWaiting(String jobId, Consumer<JobWorkflow> signal) {
    JobSnapshot job = queries.find(jobId).orElseThrow(() -> JobErrors.notFound(jobId));
    if (!JobStatus.WAITING_APPROVAL.wireName().equals(job.status())) {
      throw JobErrors.notWaiting(jobId, job.status());
    }
    return signal(jobId, job, signal);
  }

  /** Signals the job's workflow; the job comes back as stored, before the workflow acts. */
  private JobSnapshot send(String jobId, Consumer<JobWorkflow> signal) {
    JobSnapshot job = queries.find(jobId).orElseThrow(() -> JobErrors.notFound(jobId));
    if (JobStatus.fromWireName(job.status()).finished()) {
      throw JobErrors.finished(jobId, job.status());
    }
    return signal(jobId, job, signal);
  }

  private JobSnapshot signal(String jobId, JobSnapshot job, Consumer<JobWorkflow> signal) {
    try {
      // The job may have moved to a fresh embedded server: reach it where it runs now.
      temporal.onWorkflow(
          jobId,
          client -> {
            signal.accept(client.newWorkflowStub(JobWorkflow.class, jobId));
            return null;
          });
    } catch (WorkflowNotFoundException gone) {
      throw JobErrors.notRunning(jobId);
    }
    return job;
  }
}
