package dev.coracle.workflows.chat;

import io.temporal.activity.Activity;
import io.temporal.failure.ApplicationFailure;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A local-model vote that always answers one class, or fails when told to. */
final class FakeVoter implements ClassifyVoteActivities {
  private final RequestClass answer;
  private final boolean fail;
  final List<String> queues = new CopyOnWriteArrayList<>();

  FakeVoter(RequestClass answer, boolean fail) {
    this.answer = answer;
    this.fail = fail;
  }

  @Override
  public Classification vote(ChatRequest request, Classification unsure) {
    queues.add(Activity.getExecutionContext().getInfo().getActivityTaskQueue());
    if (fail) {
      throw ApplicationFailure.newFailure("local model not loaded", "UPSTREAM_UNAVAILABLE");
    }
    return new Classification(answer, 0.8, "llm", "local model vote");
  }
}
