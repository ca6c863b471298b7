package dev.coracle.workflows.job;

import java.util.List;

/**
 * One write to the job store, applied in a single transaction so a checkpoint and its events land
 * together or not at all.
 *
 * @param snapshot the job row and its step rows as they are now
 * @param events new events; an event whose sequence number is already stored is ignored
 * @param plan set when planning finished or a replan replaced the plan, else null
 * @param progress the running step's progress, or null to leave it as it is
 * @param clearProgress true when the step finished: its transcript is no longer needed
 * @param transcript messages to add to the running step's stored conversation, or null
 * @param stepsUnchanged true when the step rows are as stored: {@code snapshot} then leaves its
 *     steps out, which keeps a coder turn's write small however long the plan is
 */
public record JobUpdate(
    JobSnapshot snapshot,
    List<JobEvent> events,
    JobPlanState plan,
    StepProgress progress,
    boolean clearProgress,
    TranscriptAppend transcript,
    boolean stepsUnchanged) {

  public JobUpdate(
      JobSnapshot snapshot,
      List<JobEvent> events,
      JobPlanState plan,
      StepProgress progress,
      boolean clearProgress) {
    this(snapshot, events, plan, progress, clearProgress, null, false);
  }
}
