package dev.coracle.workflows.job;

/**
 * Bounds that keep a job from running away, fixed when it starts so that replay sees the same.
 *
 * @param maxSteps the most steps a plan may have; longer plans are cut
 * @param maxTurnsPerStep coder turns (model calls) in one step before it is marked failed
 * @param maxReplans how often the verifier may send the job back to planning
 * @param historyEventsBeforeContinue workflow history length past which the job continues as new
 *     between steps
 * @param maxToolCalls tool calls over the whole job before it is stopped; 0 for no bound
 * @param maxTokens model tokens (prompt and completion) over the whole job; 0 for no bound
 * @param maxWallMinutes minutes since the job started (or its plan was approved) before it is
 *     stopped; 0 for no bound
 * @param approvePlan true when the job holds after planning until a person approves the plan
 * @param approvalTimeoutHours hours a plan waits for approval before the job is cancelled; 0 for no
 *     bound
 * @param hostWaitMinutes minutes a job waits for a worker of its host before it fails; 0 for {@link
 *     #DEFAULT_HOST_WAIT_MINUTES}
 */
public record JobLimits(
    int maxSteps,
    int maxTurnsPerStep,
    int maxReplans,
    int historyEventsBeforeContinue,
    int maxToolCalls,
    long maxTokens,
    int maxWallMinutes,
    boolean approvePlan,
    int approvalTimeoutHours,
    int hostWaitMinutes) {

  /** How long a job waits for its host's workers when {@link #hostWaitMinutes} is 0. */
  public static final int DEFAULT_HOST_WAIT_MINUTES = 30;

  /** Limits without a host wait, as jobs started before hosts existed carry. */
  public JobLimits(
      int maxSteps,
      int maxTurnsPerStep,
      int maxReplans,
      int historyEventsBeforeContinue,
      int maxToolCalls,
      long maxTokens,
      int maxWallMinutes,
      boolean approvePlan,
      int approvalTimeoutHours) {
    this(
        maxSteps,
        maxTurnsPerStep,
        maxReplans,
        historyEventsBeforeContinue,
        maxToolCalls,
        maxTokens,
        maxWallMinutes,
        approvePlan,
        approvalTimeoutHours,
        0);
  }

  /** Minutes a job waits for a worker of its host before it fails; never 0. */
  public int hostWaitMinutesOrDefault() {
    return hostWaitMinutes > 0 ? hostWaitMinutes : DEFAULT_HOST_WAIT_MINUTES;
  }

  /** Limits without plan approval, as jobs started before approval existed carry. */
  public JobLimits(
      int maxSteps,
      int maxTurnsPerStep,
      int maxReplans,
      int historyEventsBeforeContinue,
      int maxToolCalls,
      long maxTokens,
      int maxWallMinutes) {
    this(
        maxSteps,
        maxTurnsPerStep,
        maxReplans,
        historyEventsBeforeContinue,
        maxToolCalls,
        maxTokens,
        maxWallMinutes,
        false,
        0);
  }

  /** Limits without the whole-job budgets, as jobs started before budgets existed carry. */
  public JobLimits(
      int maxSteps, int maxTurnsPerStep, int maxReplans, int historyEventsBeforeContinue) {
    this(maxSteps, maxTurnsPerStep, maxReplans, historyEventsBeforeContinue, 0, 0, 0);
  }

  public static JobLimits defaults() {
    return new JobLimits(12, 8, 2, 2000, 200, 2_000_000, 240);
  }

  /** These limits, with the plan held for approval or not. */
  public JobLimits withApprovePlan(boolean approve) {
    return new JobLimits(
        maxSteps,
        maxTurnsPerStep,
        maxReplans,
        historyEventsBeforeContinue,
        maxToolCalls,
        maxTokens,
        maxWallMinutes,
        approve,
        approvalTimeoutHours,
        hostWaitMinutes);
  }
}
