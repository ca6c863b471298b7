package dev.coracle.workflows.model;

import dev.coracle.workflows.TaskQueues;

/**
 * One concrete model to call.
 *
 * @param provider the provider's configured name, e.g. {@code ollama} or {@code groq}
 * @param local true when the model runs on this machine and so must go through the single LLM slot
 * @param timeoutSeconds the provider's idle timeout: the longest silence before the response (for a
 *     plain call, the whole answer) and between two streamed tokens
 * @param totalTimeoutSeconds the longest one call may take, every token included; null in histories
 *     written before it existed (then {@link #DEFAULT_TOTAL_TIMEOUT_SECONDS})
 */
public record ModelTarget(
    String provider, String model, boolean local, int timeoutSeconds, Integer totalTimeoutSeconds) {

  /** The total timeout of a provider that configures none: half an hour. */
  public static final int DEFAULT_TOTAL_TIMEOUT_SECONDS = 1800;

  public ModelTarget(String provider, String model, boolean local, int timeoutSeconds) {
    this(provider, model, local, timeoutSeconds, null);
  }

  /** {@link #totalTimeoutSeconds()}, or the default, and never below the idle timeout. */
  public int totalSeconds() {
    int total = totalTimeoutSeconds == null ? DEFAULT_TOTAL_TIMEOUT_SECONDS : totalTimeoutSeconds;
    return Math.max(total, timeoutSeconds);
  }

  /** The queue whose worker may run this model. */
  public String taskQueue() {
    return local ? TaskQueues.LLM : TaskQueues.CLOUD;
  }

  /** The {@code provider/model} name clients can use to route straight to this model. */
  public String qualifiedName() {
    return provider + "/" + model;
  }
}
