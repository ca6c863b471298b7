package dev.coracle.workflows.chat;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** Decides the class of a request. Runs as a local activity: it never touches the LLM slot. */
@ActivityInterface
public interface ClassifyActivities {

  @ActivityMethod(name = "Classify")
  Classification classify(ChatRequest request);
}
