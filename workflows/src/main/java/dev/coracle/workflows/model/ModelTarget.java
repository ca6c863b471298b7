package dev.coracle.workflows.model;

import dev.coracle.workflows.TaskQueues;

/**
 * One concrete model to call.
 *
 * @param provider the provider's configured name, e.g. {@code ollama} or {@code groq}
 * @param local true when the model runs on this machine and so must go through the single LLM slot
 * @param timeoutSeconds how long one call may take before Temporal retries it
 */
public record ModelTarget(String provider, String model, boolean local, int timeoutSeconds) {

  /** The queue whose worker may run this model. */
  public String taskQueue() {
    return local ? TaskQueues.LLM : TaskQueues.CLOUD;
  }

  /** The {@code provider/model} name clients can use to route straight to this model. */
  public String qualifiedName() {
    return provider + "/" + model;
  }
}
