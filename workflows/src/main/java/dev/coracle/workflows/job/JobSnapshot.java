package dev.coracle.workflows.job;

import dev.coracle.workflows.chat.Usage;
import java.util.List;

/**
 * A job as it is now. The workflow's {@code snapshot} query returns it, and every store update
 * carries it, so the store answers the same questions when the workflow is busy or gone.
 *
 * @param status a {@link JobStatus} wire name
 * @param stage a {@link JobStage} wire name
 * @param currentStep the 1-based step running or last run, 0 before the first
 * @param planner the {@code provider/model} that wrote the plan, or null
 * @param error why the job failed or was cancelled, or null
 * @param summary the final summary once the job is done
 */
public record JobSnapshot(
    String jobId,
    String status,
    String stage,
    String requestClass,
    String workspace,
    String title,
    int currentStep,
    List<JobStep> steps,
    Usage usage,
    String planner,
    List<String> changedFiles,
    String summary,
    String error,
    long lastEventSeq,
    long createdAt,
    long updatedAt) {

  public int stepCount() {
    return steps == null ? 0 : steps.size();
  }
}
