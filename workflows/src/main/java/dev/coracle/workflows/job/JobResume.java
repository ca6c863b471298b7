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
    long approvalAskedAt) {

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
}
