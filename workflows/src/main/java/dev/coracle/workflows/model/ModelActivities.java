package dev.coracle.workflows.model;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/**
 * Calls one model. Registered on both the {@code coracle-llm} and {@code coracle-cloud} queues; the
 * workflow picks the queue from {@link ModelTarget#taskQueue()}.
 */
@ActivityInterface
public interface ModelActivities {

  @ActivityMethod(name = "CallModel")
  ModelAnswer call(ModelCall call);
}
