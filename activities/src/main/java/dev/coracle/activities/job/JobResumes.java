package dev.coracle.activities.job;

import dev.coracle.workflows.job.JobPlanState;
import dev.coracle.workflows.job.JobRequest;
import dev.coracle.workflows.job.JobResume;
import dev.coracle.workflows.job.JobStatus;
import dev.coracle.workflows.job.JobStep;
import dev.coracle.workflows.job.StepProgress;
import java.util.List;

/** Rebuilds what crash recovery restarts a job with, from its stored checkpoints. */
final class JobResumes {

  private JobResumes() {}

  /**
   * The registered request with a resume: the plan (null when planning had not finished, so the job
   * starts over from consolidate), the steps in order, the running step's transcript, and where the
   * event numbering and the counts stood. A job waiting for approval waits since its last update.
   */
  static JobRequest restart(JobRow row, List<JobStep> steps, JobProgressRow progress) {
    return restart(row, steps, progress, 0);
  }

  /**
   * As {@link #restart(JobRow, List, JobProgressRow)}, with when a job waiting for approval showed
   * its plan, so its approval timeout keeps counting from there.
   *
   * @param waitingSince epoch milliseconds, or 0 to use the row's last update
   */
  static JobRequest restart(
      JobRow row, List<JobStep> steps, JobProgressRow progress, long waitingSince) {
    JobRequest request = JobJson.read(row.requestJson(), JobRequest.class);
    JobPlanState plan =
        row.planJson() == null ? null : JobJson.read(row.planJson(), JobPlanState.class);
    StepProgress running = progress == null ? null : progress.toProgress();
    JobResume resume =
        new JobResume(
            plan,
            List.copyOf(steps),
            running,
            row.lastEventSeq(),
            row.usage(),
            JobJson.strings(row.changedFiles()),
            row.jobStatus() == JobStatus.PAUSED,
            true,
            row.createdAt(),
            approvalAskedAt(row, waitingSince));
    return request.resumingFrom(resume);
  }

  /** 0 unless the job waits for approval: a resumed job waits again only when this is set. */
  private static long approvalAskedAt(JobRow row, long waitingSince) {
    if (row.jobStatus() != JobStatus.WAITING_APPROVAL) {
      return 0;
    }
    return waitingSince > 0 ? waitingSince : Math.max(1, row.updatedAt());
  }
}
