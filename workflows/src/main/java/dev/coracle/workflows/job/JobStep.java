package dev.coracle.workflows.job;

import dev.coracle.workflows.chat.Usage;
import java.util.List;

/**
 * One step of a job and how it went.
 *
 * @param index 1-based position in the job; after a replan, new steps continue the numbering
 * @param status {@code pending}, {@code running}, {@code done}, {@code failed} or {@code skipped}
 * @param summary the coder's closing words for the step, or why it failed
 * @param model the {@code provider/model} that ran the coder turns
 * @param startedAt epoch milliseconds, 0 when not started
 * @param finishedAt epoch milliseconds, 0 when not finished
 * @param interrupted tool calls that were in flight during a crash and were not re-run
 */
public record JobStep(
    int index,
    PlanStep plan,
    String status,
    String summary,
    List<String> changedFiles,
    int turns,
    int toolCalls,
    String model,
    Usage usage,
    long startedAt,
    long finishedAt,
    List<String> interrupted) {

  public static final String PENDING = "pending";
  public static final String RUNNING = "running";
  public static final String DONE = "done";
  public static final String FAILED = "failed";
  public static final String SKIPPED = "skipped";

  public static JobStep pending(int index, PlanStep plan) {
    return new JobStep(
        index, plan, PENDING, null, List.of(), 0, 0, null, Usage.NONE, 0, 0, List.of());
  }

  public boolean finished() {
    return DONE.equals(status) || FAILED.equals(status) || SKIPPED.equals(status);
  }
}
