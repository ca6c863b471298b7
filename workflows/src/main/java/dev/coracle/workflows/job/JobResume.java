package dev.coracle.workflows.job;

import dev.coracle.workflows.chat.Usage;
import java.util.List;

/**
 * Where a job picks up after a crash or a continue-as-new: everything that was checkpointed.
 *
 * @param plan the brief and the plan, or null when the job stopped before planning finished (it
 *     then starts over from consolidate)
 * @param steps every step of the plan with its status; {@code done} steps never run again
 * @param progress the step that was running, with its coder transcript so far, or null
 * @param lastEventSeq the last event sequence number written, so new events continue after it
 * @param paused true when the job was paused and must stay so until resumed
 * @param recovered true when this resume comes from crash recovery rather than continue-as-new
 * @param startedAt when the job first started, epoch milliseconds (0 when unknown), so the wall
 *     time budget counts from there
 * @param approvalAskedAt when the job began waiting for its plan to be approved, epoch
 *     milliseconds; 0 when it is not waiting, so a resumed job waits again only if this is set
 * @param moved true when coracle moved the job to a fresh embedded Temporal server (a recycle)
 *     rather than restarting after a crash
 * @param handedOver true when the moved job's last run stopped itself at a safe point, so its
 *     pending tool calls never started and run now; false means it was stopped from outside and
 *     they are treated as after a crash
 */
public record JobResume(
    JobPlanState plan,
    List<JobStep> steps,
    StepProgress progress,
    long lastEventSeq,
    Usage usage,
    List<String> changedFiles,
    boolean paused,
    boolean recovered,
    long startedAt,
    long approvalAskedAt,
    boolean moved,
    boolean handedOver) {

  public JobResume(
      JobPlanState plan,
      List<JobStep> steps,
      StepProgress progress,
      long lastEventSeq,
      Usage usage,
      List<String> changedFiles,
      boolean paused,
      boolean recovered,
      long startedAt,
      long approvalAskedAt) {
    this(
        plan,
        steps,
        progress,
        lastEventSeq,
        usage,
        changedFiles,
        paused,
        recovered,
        startedAt,
        approvalAskedAt,
        false,
        false);
  }

  public JobResume(
      JobPlanState plan,
      List<JobStep> steps,
      StepProgress progress,
      long lastEventSeq,
      Usage usage,
      List<String> changedFiles,
      boolean paused,
      boolean recovered,
      long startedAt) {
    this(plan, steps, progress, lastEventSeq, usage, changedFiles, paused, recovered, startedAt, 0);
  }

  public JobResume(
      JobPlanState plan,
      List<JobStep> steps,
      StepProgress progress,
      long lastEventSeq,
      Usage usage,
      List<String> changedFiles,
      boolean paused,
      boolean recovered) {
    this(plan, steps, progress, lastEventSeq, usage, changedFiles, paused, recovered, 0);
  }

  /** This resume point for a job coracle moves to a fresh embedded server. */
  public JobResume movedToFreshServer(boolean stoppedAtSafePoint) {
    return new JobResume(
        plan,
        steps,
        progress,
        lastEventSeq,
        usage,
        changedFiles,
        paused,
        true,
        startedAt,
        approvalAskedAt,
        true,
        stoppedAtSafePoint);
  }
}
