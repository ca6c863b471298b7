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
   * event numbering and the counts stood.
   */
  static JobRequest restart(JobRow row, List<JobStep> steps, JobProgressRow progress) {
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
            row.createdAt());
    return request.resumingFrom(resume);
  }
}
