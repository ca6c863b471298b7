package dev.coracle.activities.answer;

import dev.coracle.workflows.chat.AnswerActivities;
import dev.coracle.workflows.chat.ChatResult;
import jakarta.inject.Singleton;

/** Hands answers over through the in-process {@link AnswerHub}; run as a local activity. */
@Singleton
public class AnswerActivitiesImpl implements AnswerActivities {
  private final AnswerHub hub;

  public AnswerActivitiesImpl(AnswerHub hub) {
    this.hub = hub;
  }

  @Override
  public void handOver(String workflowId, ChatResult result) {
    hub.handOver(workflowId, result);
  }
}
