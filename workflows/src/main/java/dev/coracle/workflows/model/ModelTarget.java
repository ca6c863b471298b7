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
 * @param queue for a local model, the LLM slot of the host that runs it ({@code
 *     coracle-llm@<host-id>}); null means the shared {@code coracle-llm} of histories written
 *     before hosts existed
 */
public record ModelTarget(
    String provider,
    String model,
    boolean local,
    int timeoutSeconds,
    Integer totalTimeoutSeconds,
    String queue) {

  public ModelTarget(
      String provider,
      String model,
      boolean local,
      int timeoutSeconds,
      Integer totalTimeoutSeconds) {
    this(provider, model, local, timeoutSeconds, totalTimeoutSeconds, null);
  }

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
    if (!local) {
      return TaskQueues.CLOUD;
    }
    return queue == null ? TaskQueues.LLM : queue;
  }

  /** This target on the LLM slot {@code llmQueue}; a cloud model is left as it is. */
  public ModelTarget onSlot(String llmQueue) {
    return local
        ? new ModelTarget(provider, model, true, timeoutSeconds, totalTimeoutSeconds, llmQueue)
        : this;
  }

  /** The {@code provider/model} name clients can use to route straight to this model. */
  public String qualifiedName() {
    return provider + "/" + model;
  }
}
