package dev.coracle.workflows.job;

import java.util.Optional;

/**
 * The whole-job budgets that stop a runaway job: tool calls, tokens and wall time. (Steps and turns
 * per step are bounded where they are counted: the plan parser and the step runner.)
 */
final class JobBudget {
  private JobBudget() {}

  /** Why the job must stop now, or empty while it is within every budget. */
  static Optional<String> exceeded(JobState state, long now) {
    JobLimits limits = state.request.limits();
    if (limits.maxToolCalls() > 0 && state.toolCalls >= limits.maxToolCalls()) {
      return Optional.of(
          "it made "
              + state.toolCalls
              + " tool calls, its budget (jobs.max-tool-calls) is "
              + limits.maxToolCalls());
    }
    long tokens = state.usage.totalTokens();
    if (limits.maxTokens() > 0 && tokens >= limits.maxTokens()) {
      return Optional.of(
          "it used " + tokens + " tokens, its budget (jobs.max-tokens) is " + limits.maxTokens());
    }
    long minutes = (now - state.startedAt) / 60_000;
    if (limits.maxWallMinutes() > 0 && state.startedAt > 0 && minutes >= limits.maxWallMinutes()) {
      return Optional.of(
          "it ran for "
              + minutes
              + " minutes, its budget (jobs.max-wall-minutes) is "
              + limits.maxWallMinutes());
    }
    return Optional.empty();
  }
}
