package dev.coracle.workflows.chat;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** Answers status questions from the store, without any model. */
@ActivityInterface
public interface StatusActivities {

  @ActivityMethod(name = "AnswerStatus")
  String answerStatus(ChatRequest request);
}
