package dev.coracle.workflows.chat;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/**
 * The classifier's last tier: the local reasoning model votes, with structured output, when the
 * in-process tiers are unsure. Runs on the LLM slot, so it is only asked when really needed.
 */
@ActivityInterface
public interface ClassifyVoteActivities {

  @ActivityMethod(name = "ClassifyVote")
  Classification vote(ChatRequest request, Classification unsure);
}
