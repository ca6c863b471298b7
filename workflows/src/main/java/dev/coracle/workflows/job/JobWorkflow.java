package dev.coracle.workflows.job;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.util.List;

/**
 * A long coding job: consolidate the workspace, refine the request into a brief, plan it with a
 * cloud model, then carry out each step locally with tools, checkpointing after every step and
 * verifying before the next.
 */
@WorkflowInterface
public interface JobWorkflow {
  /**
   * The {@link JobResult#status()} of a run that stopped at a safe point on {@link #handOver()}:
   * the job is not finished, its store row still says running, and it goes on in another run.
   */
  String HANDED_OVER = "handed_over";

  @WorkflowMethod(name = "JobWorkflow")
  JobResult run(JobRequest request);

  /** Stops the job at the next coder turn or step boundary. */
  @SignalMethod(name = "cancel")
  void cancel(String reason);

  /** Holds the job at the next coder turn or step boundary until {@link #resume()}. */
  @SignalMethod(name = "pause")
  void pause();

  @SignalMethod(name = "resume")
  void resume();

  /**
   * Stops this run at the next safe point (between coder turns, before a tool call, between steps,
   * or at once when paused) without touching the store, so that coracle can start the job again on
   * a fresh embedded Temporal server from the store's resume point. The run returns {@link
   * #HANDED_OVER}; no tool call is cut short.
   */
  @SignalMethod(name = "handOver")
  void handOver();

  /** The job's state as it is now: stage, step k of n, each step's status. */
  @QueryMethod(name = "snapshot")
  JobSnapshot snapshot();

  /** The events of this run with a sequence number above {@code afterSeq}, oldest first. */
  @QueryMethod(name = "events")
  List<JobEvent> events(long afterSeq);

  /**
   * Approves the plan of a job waiting for approval. A non-null plan replaces it: the caller has
   * validated it as a parsed plan. A job that is not waiting keeps the decision until it is.
   */
  @SignalMethod(name = "approve")
  void approve(JobPlan editedPlan);

  /**
   * Rejects the plan of a job waiting for approval: the first rejection replans with the reason,
   * the second ends the job.
   */
  @SignalMethod(name = "reject")
  void reject(String reason);
}
