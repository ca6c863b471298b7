package dev.coracle.activities.job;

import dev.coracle.workflows.chat.Usage;
import dev.coracle.workflows.job.JobPlanState;
import dev.coracle.workflows.job.JobRequest;
import dev.coracle.workflows.job.JobSnapshot;
import dev.coracle.workflows.job.JobStage;
import dev.coracle.workflows.job.JobStatus;
import dev.coracle.workflows.job.JobStep;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.util.List;

/**
 * One job, a row of the {@code jobs} table. Times are epoch milliseconds.
 *
 * @param requestJson the {@link JobRequest} without its resume part: what recovery restarts
 * @param planJson the {@link JobPlanState} once planning is done, else null
 * @param changedFiles a JSON array of workspace-relative paths
 * @param finishedAt when the job reached a finished status, else null
 * @param workspaceLock the workspace this job holds while it is unfinished; null for a fresh one
 */
@MappedEntity("jobs")
record JobRow(
    @Id String id,
    String status,
    String stage,
    String requestClass,
    @Nullable String workspace,
    String title,
    String requestJson,
    int currentStep,
    int stepCount,
    @Nullable String planJson,
    @Nullable String planner,
    long promptTokens,
    long completionTokens,
    String changedFiles,
    @Nullable String summary,
    @Nullable String error,
    long lastEventSeq,
    long createdAt,
    long updatedAt,
    @Nullable Long finishedAt,
    @Nullable String workspaceLock) {

  /**
   * The row of a job that has not started: queued, with nothing done, holding its workspace. The
   * workspace is the real path the API or chat resolved, so two spellings of one directory collide.
   */
  static JobRow registered(JobRequest request, long createdAt) {
    JobRequest fresh = request.resumingFrom(null);
    return new JobRow(
        request.jobId(),
        JobStatus.QUEUED.wireName(),
        JobStage.QUEUED.wireName(),
        request.requestClass().wireName(),
        request.workspace(),
        request.title(),
        JobJson.write(fresh),
        0,
        0,
        null,
        null,
        0,
        0,
        "[]",
        null,
        null,
        0,
        createdAt,
        createdAt,
        null,
        request.workspace());
  }

  /**
   * This row as the workflow now sees it. What only registration knows (request, title, class,
   * creation time) is kept; a workspace or planner the snapshot does not know yet does not erase
   * the stored one; the first finishing time is kept when a retry writes the same finish again.
   */
  JobRow updatedBy(JobSnapshot snapshot, @Nullable JobPlanState plan) {
    return updatedBy(snapshot, plan, snapshot.stepCount());
  }

  /** As {@link #updatedBy(JobSnapshot, JobPlanState)}, with the plan's length given. */
  JobRow updatedBy(JobSnapshot snapshot, @Nullable JobPlanState plan, int stepCount) {
    boolean finished = JobStatus.fromWireName(snapshot.status()).finished();
    Usage usage = snapshot.usage() == null ? Usage.NONE : snapshot.usage();
    return new JobRow(
        id,
        snapshot.status(),
        snapshot.stage(),
        requestClass,
        snapshot.workspace() == null ? workspace : snapshot.workspace(),
        title,
        requestJson,
        snapshot.currentStep(),
        stepCount,
        plan == null ? planJson : JobJson.write(plan),
        plan != null ? plan.planner() : snapshot.planner() != null ? snapshot.planner() : planner,
        usage.promptTokens(),
        usage.completionTokens(),
        JobJson.write(snapshot.changedFiles() == null ? List.of() : snapshot.changedFiles()),
        snapshot.summary(),
        snapshot.error(),
        snapshot.lastEventSeq(),
        createdAt,
        snapshot.updatedAt(),
        finished ? (finishedAt == null ? snapshot.updatedAt() : finishedAt) : null,
        workspaceLock);
  }

  /**
   * This row failed before its workflow ran again, with {@code error} as the reason and one more
   * event, number {@code lastEventSeq + 1}, that says so.
   */
  JobRow failedBeforeRestart(String error, long at) {
    return new JobRow(
        id,
        JobStatus.FAILED.wireName(),
        JobStage.FINISHED.wireName(),
        requestClass,
        workspace,
        title,
        requestJson,
        currentStep,
        stepCount,
        planJson,
        planner,
        promptTokens,
        completionTokens,
        changedFiles,
        "Failed: " + error,
        error,
        lastEventSeq + 1,
        createdAt,
        at,
        at,
        workspaceLock);
  }

  JobSnapshot toSnapshot(List<JobStep> steps) {
    return new JobSnapshot(
        id,
        status,
        stage,
        requestClass,
        workspace,
        title,
        currentStep,
        steps,
        usage(),
        planner,
        JobJson.strings(changedFiles),
        summary,
        error,
        lastEventSeq,
        createdAt,
        updatedAt);
  }

  Usage usage() {
    return new Usage((int) promptTokens, (int) completionTokens);
  }

  JobStatus jobStatus() {
    return JobStatus.fromWireName(status);
  }
}
