package dev.coracle.workflows;

import dev.coracle.workflows.chat.ChatErrorType;
import dev.coracle.workflows.model.ModelTarget;
import io.temporal.activity.ActivityOptions;
import io.temporal.activity.LocalActivityOptions;
import io.temporal.common.RetryOptions;
import java.time.Duration;

/** Every named set of activity options, in one place so timeouts and retries are easy to audit. */
public final class ActivityOptionsCatalog {

  /** Attempts per model before the workflow moves on to the next candidate. */
  static final int MODEL_ATTEMPTS = 2;

  private ActivityOptionsCatalog() {}

  /**
   * Classify, route and status: in-process, quick, and cheap to repeat. Local activities keep a
   * chat to one or two workflow tasks.
   */
  public static LocalActivityOptions light() {
    return LocalActivityOptions.newBuilder()
        .setStartToCloseTimeout(Duration.ofSeconds(5))
        .setScheduleToCloseTimeout(Duration.ofSeconds(20))
        .setRetryOptions(
            RetryOptions.newBuilder()
                .setInitialInterval(Duration.ofMillis(100))
                .setMaximumAttempts(3)
                .build())
        .build();
  }

  /**
   * How long the classification vote may go without a heartbeat before its worker counts as gone.
   */
  public static final Duration VOTE_HEARTBEAT_TIMEOUT = Duration.ofSeconds(20);

  /**
   * The local model's classification vote: one attempt, on the LLM slot. If it fails or is slow,
   * the in-process verdict stands, so retrying would only delay the answer. The vote beats while it
   * waits for the slot and while the model answers, so a dead worker is noticed in seconds rather
   * than at the end of the minute.
   */
  public static ActivityOptions classifyVote() {
    return ActivityOptions.newBuilder()
        .setTaskQueue(TaskQueues.LLM)
        .setHeartbeatTimeout(VOTE_HEARTBEAT_TIMEOUT)
        .setStartToCloseTimeout(Duration.ofSeconds(60))
        .setScheduleToCloseTimeout(Duration.ofSeconds(90))
        .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(1).build())
        .build();
  }

  /** Room after the total timeout for what the call does around the model: slot, quota, audit. */
  static final Duration MODEL_CALL_MARGIN = Duration.ofMinutes(1);

  /** How far a heartbeat may be late before Temporal gives up on the worker. */
  static final Duration HEARTBEAT_MARGIN = Duration.ofSeconds(30);

  /**
   * One model call on the queue its target needs. The LLM client's own retries are off, so this
   * retry policy is the only one. Failures that a retry cannot fix (rate limits, auth, rejected
   * requests, a stream that reached the client, an upstream that was too slow) move straight on to
   * the next candidate.
   *
   * <p>The call enforces its own timeouts: the idle one (silence) and the total one (the whole
   * answer). Temporal's must never fire first, because a retry after tokens reached the client
   * would splice a second answer into the first. So the start-to-close timeout is the total plus
   * room for preparing a local model (bounded by the idle timeout) and a margin, and the heartbeat
   * timeout, which catches a dead worker, outlasts the idle timeout: the call heartbeats with every
   * token and every few seconds while it waits.
   */
  public static ActivityOptions modelCall(ModelTarget target) {
    Duration idle = Duration.ofSeconds(Math.max(1, target.timeoutSeconds()));
    Duration total = Duration.ofSeconds(Math.max(1, target.totalSeconds()));
    Duration perAttempt = total.plus(idle).plus(MODEL_CALL_MARGIN);
    return ActivityOptions.newBuilder()
        .setTaskQueue(target.taskQueue())
        .setStartToCloseTimeout(perAttempt)
        .setHeartbeatTimeout(idle.plus(HEARTBEAT_MARGIN))
        // A local call may wait for the single slot; give it room to queue behind others.
        .setScheduleToCloseTimeout(perAttempt.multipliedBy(MODEL_ATTEMPTS).plus(total))
        .setRetryOptions(
            RetryOptions.newBuilder()
                .setInitialInterval(Duration.ofMillis(500))
                .setBackoffCoefficient(2.0)
                .setMaximumAttempts(MODEL_ATTEMPTS)
                .setDoNotRetry(ChatErrorType.nonRetryable())
                .build())
        .build();
  }

  /**
   * A write to the job store: in-process and quick, but it must land (a checkpoint is only a
   * checkpoint once it is stored), so it retries for longer than the light activities.
   */
  public static LocalActivityOptions jobStore() {
    return LocalActivityOptions.newBuilder()
        .setStartToCloseTimeout(Duration.ofSeconds(15))
        .setScheduleToCloseTimeout(Duration.ofMinutes(2))
        .setRetryOptions(
            RetryOptions.newBuilder()
                .setInitialInterval(Duration.ofMillis(200))
                .setBackoffCoefficient(2.0)
                .setMaximumInterval(Duration.ofSeconds(5))
                .build())
        .build();
  }

  /** Workspace snapshots and tool discovery on the tools queue: reads, safe to repeat. */
  public static ActivityOptions workspaceRead() {
    return ActivityOptions.newBuilder()
        .setTaskQueue(TaskQueues.TOOLS)
        .setStartToCloseTimeout(Duration.ofMinutes(2))
        .setScheduleToCloseTimeout(Duration.ofMinutes(10))
        .setRetryOptions(
            RetryOptions.newBuilder()
                .setInitialInterval(Duration.ofSeconds(1))
                .setMaximumAttempts(3)
                .setDoNotRetry("BAD_WORKSPACE")
                .build())
        .build();
  }

  /** How long a tool call may go without a heartbeat before its worker counts as gone. */
  public static final Duration TOOL_HEARTBEAT_TIMEOUT = Duration.ofSeconds(60);

  /**
   * One tool call of a job's coder, attempted once: a shell command or a write is not safe to
   * repeat behind the model's back. A failed call goes back to the model as a tool error instead.
   * The time bound is above the longest shell timeout a config allows in practice.
   */
  public static ActivityOptions toolCall() {
    return ActivityOptions.newBuilder()
        .setTaskQueue(TaskQueues.TOOLS)
        // The call beats every few seconds while it runs, so a dead worker is noticed in a minute.
        .setHeartbeatTimeout(TOOL_HEARTBEAT_TIMEOUT)
        .setStartToCloseTimeout(Duration.ofMinutes(15))
        .setScheduleToCloseTimeout(Duration.ofMinutes(30))
        .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(1).build())
        .build();
  }

  /**
   * Listing the tools of an MCP server a chat attached. One retry covers a blip; a server that is
   * down stays down, and the chat should fail with its name rather than wait.
   */
  public static ActivityOptions mcpListTools() {
    return ActivityOptions.newBuilder()
        .setTaskQueue(TaskQueues.TOOLS)
        .setStartToCloseTimeout(Duration.ofSeconds(60))
        .setScheduleToCloseTimeout(Duration.ofMinutes(3))
        .setRetryOptions(
            RetryOptions.newBuilder()
                .setInitialInterval(Duration.ofSeconds(1))
                .setMaximumAttempts(2)
                .build())
        .build();
  }

  /**
   * One MCP tool call of a chat, attempted once: a remote tool may write, and repeating it behind
   * the model's back is not safe. A failed call goes back to the model as a tool error instead.
   */
  public static ActivityOptions mcpCallTool() {
    return ActivityOptions.newBuilder()
        .setTaskQueue(TaskQueues.TOOLS)
        .setStartToCloseTimeout(Duration.ofMinutes(2))
        .setScheduleToCloseTimeout(Duration.ofMinutes(5))
        .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(1).build())
        .build();
  }

  /**
   * Handing a chat's answer to the response waiting in this process: one quick attempt. A retry
   * could not help, and the response gets the answer from the workflow's result anyway.
   */
  public static LocalActivityOptions handOver() {
    return LocalActivityOptions.newBuilder()
        .setStartToCloseTimeout(Duration.ofSeconds(5))
        .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(1).build())
        .build();
  }

  /**
   * A chat's plain (not streamed) call to a cloud model, as a local activity: the same time bounds
   * and retries as {@link #modelCall}, but it runs in the workflow's own task, so a pass-through
   * chat is one workflow task. Never for a local model, which must queue for the single LLM slot,
   * and never for a stream, whose heartbeats carry what the client already got.
   */
  public static LocalActivityOptions modelCallInProcess(ModelTarget target) {
    ActivityOptions queued = modelCall(target);
    return LocalActivityOptions.newBuilder()
        .setStartToCloseTimeout(queued.getStartToCloseTimeout())
        .setScheduleToCloseTimeout(queued.getScheduleToCloseTimeout())
        .setRetryOptions(queued.getRetryOptions())
        .build();
  }

  /**
   * The longest the one local activity that routes a chat, calls its models and hands the answer
   * over may run. It calls only when every candidate's worst case (all attempts, as {@link
   * #modelCall} bounds them) fits in it, so this bound never fires before the calls' own timeouts.
   * A day holds a dozen candidates at the default timeouts (93 minutes each, every attempt
   * included); a chat's own limit, {@code chat.workflow-timeout-seconds}, ends it long before.
   */
  public static final Duration ROUTE_CALL_HAND_OVER_BOUND = Duration.ofHours(24);

  /**
   * {@code AnswerRouteCallHandOver}: attempted once. It retries each model itself and never throws
   * once a model was asked, so a second attempt could only call an upstream again and count its
   * quota twice; a failure of the activity itself (a timeout, an error of the worker) fails the
   * chat.
   */
  public static LocalActivityOptions routeCallHandOver() {
    return LocalActivityOptions.newBuilder()
        .setStartToCloseTimeout(ROUTE_CALL_HAND_OVER_BOUND)
        .setScheduleToCloseTimeout(ROUTE_CALL_HAND_OVER_BOUND)
        .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(1).build())
        .build();
  }
}
