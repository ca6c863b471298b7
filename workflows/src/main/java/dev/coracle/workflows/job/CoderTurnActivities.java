package dev.coracle.workflows.job;

import dev.coracle.workflows.model.ModelAnswer;
import dev.coracle.workflows.model.ModelTarget;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/**
 * A coder turn on one model, its prompt built from the store. Registered with the model calls, on
 * the {@code coracle-llm} and {@code coracle-cloud} queues; quotas, the LLM slot, redaction and the
 * audit are those of any model call.
 */
@ActivityInterface
public interface CoderTurnActivities {

  @ActivityMethod(name = "CallCoderTurn")
  ModelAnswer call(ModelTarget target, CoderTurn turn);
}
