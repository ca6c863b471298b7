package dev.coracle.workflows.job;

import java.util.List;

/** The closing words of a job: what each step did and which files changed. */
final class JobSummary {
  private JobSummary() {}

  static String text(JobState state) {
    List<JobStep> steps = state.steps;
    long done = steps.stream().filter(s -> JobStep.DONE.equals(s.status())).count();
    long failed = steps.stream().filter(s -> JobStep.FAILED.equals(s.status())).count();
    StringBuilder text = new StringBuilder();
    text.append("Job ")
        .append(state.request.jobId())
        .append(": ")
        .append(done)
        .append(" of ")
        .append(steps.size())
        .append(" steps done");
    if (failed > 0) {
      text.append(", ").append(failed).append(" failed");
    }
    text.append(", ").append(files(state.changedFiles.size())).append(" changed.");
    for (JobStep step : steps) {
      text.append("\n")
          .append(step.index())
          .append(". [")
          .append(step.status())
          .append("] ")
          .append(step.plan().goal());
      if (step.summary() != null && !step.summary().isBlank()) {
        text.append(" — ").append(step.summary());
      }
    }
    if (!state.changedFiles.isEmpty()) {
      text.append("\nChanged files:");
      state.changedFiles.forEach(file -> text.append("\n- ").append(file));
    }
    return text.toString();
  }

  private static String files(int n) {
    return n == 1 ? "1 file" : n + " files";
  }
}
