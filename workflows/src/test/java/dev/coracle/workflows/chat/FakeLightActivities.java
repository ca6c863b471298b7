package dev.coracle.workflows.chat;

import dev.coracle.workflows.model.RoutePlan;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Fakes of the three local activities: a classifier with a fixed verdict, a router with a fixed
 * plan and a status answer. Each remembers what it was asked, so a test can tell whether the
 * workflow called it at all.
 */
final class FakeLightActivities implements ClassifyActivities, RouteActivities, StatusActivities {
  static final String STATUS_ANSWER = "1 job running: refactor (step 2 of 5)";

  private final Classification verdict;
  private final RoutePlan plan;
  final List<ChatRequest> classified = new CopyOnWriteArrayList<>();
  final List<Classification> routed = new CopyOnWriteArrayList<>();
  final List<ChatRequest> statusQuestions = new CopyOnWriteArrayList<>();

  FakeLightActivities(RequestClass verdict, RoutePlan plan) {
    this.verdict = new Classification(verdict, 0.9, "rules", "fake verdict");
    this.plan = plan;
  }

  @Override
  public Classification classify(ChatRequest request) {
    classified.add(request);
    return verdict;
  }

  @Override
  public RoutePlan route(ChatRequest request, Classification classification) {
    routed.add(classification);
    return plan;
  }

  @Override
  public String answerStatus(ChatRequest request) {
    statusQuestions.add(request);
    return STATUS_ANSWER;
  }
}
