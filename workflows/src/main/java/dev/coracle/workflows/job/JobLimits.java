package dev.coracle.workflows.job;

/**
 * Bounds that keep a job from running away, fixed when it starts so that replay sees the same.
 *
 * @param maxSteps the most steps a plan may have; longer plans are cut
 * @param maxTurnsPerStep coder turns (model calls) in one step before it is marked failed
 * @param maxReplans how often the verifier may send the job back to planning
 * @param historyEventsBeforeContinue workflow history length past which the job continues as new
 *     between steps
 */
public record JobLimits(
    int maxSteps, int maxTurnsPerStep, int maxReplans, int historyEventsBeforeContinue) {

  public static JobLimits defaults() {
    return new JobLimits(12, 8, 2, 2000);
  }
}
