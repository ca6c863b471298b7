package dev.coracle.activities.status;

import dev.coracle.activities.job.JobQueries;
import dev.coracle.workflows.job.JobSnapshot;
import dev.coracle.workflows.job.JobStage;
import dev.coracle.workflows.job.JobStatus;
import dev.coracle.workflows.job.JobStep;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The coding jobs part of a status answer: where each unfinished job is, then the last few that
 * finished. Read from the store only, because the answer runs as a local activity in a chat
 * workflow and must not wait on a busy job.
 */
@Singleton
public class JobStatusLines {

  /** Finished jobs shown after the active ones; older ones are in {@code GET /api/jobs}. */
  static final int FINISHED_SHOWN = 3;

  private final JobQueries queries;

  public JobStatusLines(JobQueries queries) {
    this.queries = queries;
  }

  public List<String> lines(Instant now) {
    List<JobSnapshot> active = queries.active();
    List<JobSnapshot> finished = queries.recent(FINISHED_SHOWN);
    if (active.isEmpty() && finished.isEmpty()) {
      return List.of("There are no coding jobs yet.");
    }
    List<String> lines = new ArrayList<>();
    active.forEach(job -> lines.add(activeLine(job)));
    for (int i = 0; i < finished.size(); i++) {
      lines.add(
          (i == 0 ? "Last finished: " : "Before that: ") + finishedLine(finished.get(i), now));
    }
    return lines;
  }

  private static String activeLine(JobSnapshot job) {
    String name = "Job " + job.jobId() + " (" + job.title() + "): ";
    JobStatus status = JobStatus.fromWireName(job.status());
    if (status == JobStatus.QUEUED) {
      return name + "queued, not started yet.";
    }
    if (status == JobStatus.WAITING_APPROVAL) {
      return name + waitingLine(job);
    }
    if (job.stepCount() == 0) {
      String where = "stage " + job.stage();
      return name + (status == JobStatus.PAUSED ? "paused at " + where : where) + ".";
    }
    String position = "step " + job.currentStep() + " of " + job.stepCount();
    String text =
        status == JobStatus.PAUSED ? "paused at " + position : position + ", " + doing(job);
    return name
        + text
        + "; "
        + count(job, JobStep.DONE)
        + " done, "
        + count(job, JobStep.FAILED)
        + " failed.";
  }

  /** The plan that waits, step by step, and how to answer it. */
  private static String waitingLine(JobSnapshot job) {
    StringBuilder text =
        new StringBuilder("waiting for approval of its plan of ")
            .append(job.stepCount())
            .append(" steps:");
    for (JobStep step : job.steps()) {
      text.append(' ')
          .append(step.index())
          .append(". ")
          .append(step.plan() == null ? "" : step.plan().goal())
          .append(';');
    }
    return text.append(" approve with `coracle jobs approve ")
        .append(job.jobId())
        .append("` or reject with `coracle jobs reject ")
        .append(job.jobId())
        .append(" --reason ...`.")
        .toString();
  }

  /** The current step's goal while a step runs or is verified, else the stage. */
  private static String doing(JobSnapshot job) {
    boolean inStep =
        JobStage.STEP.wireName().equals(job.stage())
            || JobStage.VERIFY.wireName().equals(job.stage());
    if (inStep) {
      for (JobStep step : job.steps()) {
        if (step.index() == job.currentStep() && step.plan() != null) {
          String goal = step.plan().goal();
          return JobStage.VERIFY.wireName().equals(job.stage()) ? "verifying: " + goal : goal;
        }
      }
    }
    return "stage " + job.stage();
  }

  private static String finishedLine(JobSnapshot job, Instant now) {
    int files = job.changedFiles() == null ? 0 : job.changedFiles().size();
    String text =
        job.jobId()
            + " "
            + job.status()
            + " "
            + Ago.since(job.updatedAt(), now)
            + ", "
            + (files == 0 ? "no files" : Ago.plural(files, "file"))
            + " changed";
    if (job.error() != null && !job.error().isBlank()) {
      text += " (" + job.error() + ")";
    }
    return text + ".";
  }

  private static long count(JobSnapshot job, String stepStatus) {
    return job.steps().stream().filter(step -> stepStatus.equals(step.status())).count();
  }
}
