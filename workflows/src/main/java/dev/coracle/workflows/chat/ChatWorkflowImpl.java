package dev.coracle.workflows.chat;

import dev.coracle.workflows.ActivityOptionsCatalog;
import dev.coracle.workflows.model.RoutePlan;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Workflow;
import java.util.List;

/**
 * Classify, then answer: status questions from the store (never a model), repeated questions from
 * the semantic cache, everything else by the routed models in order.
 */
public class ChatWorkflowImpl implements ChatWorkflow {
  /**
   * Version 1 added the semantic cache, agent mode and the local model's classification vote.
   * Histories from before it replay on the original path.
   */
  static final String CACHE_AGENT_VOTE = "cache-agent-vote";

  private final ClassifyActivities classifier =
      Workflow.newLocalActivityStub(ClassifyActivities.class, ActivityOptionsCatalog.light());
  private final RouteActivities router =
      Workflow.newLocalActivityStub(RouteActivities.class, ActivityOptionsCatalog.light());
  private final StatusActivities status =
      Workflow.newLocalActivityStub(StatusActivities.class, ActivityOptionsCatalog.light());
  private final CacheActivities cache =
      Workflow.newLocalActivityStub(CacheActivities.class, ActivityOptionsCatalog.light());
  private final ClassifyVoteActivities voter =
      Workflow.newActivityStub(ClassifyVoteActivities.class, ActivityOptionsCatalog.classifyVote());

  @Override
  public ChatResult chat(ChatRequest request) {
    boolean v1 = Workflow.getVersion(CACHE_AGENT_VOTE, Workflow.DEFAULT_VERSION, 1) >= 1;
    Classification classification = classify(request, v1);
    boolean direct = ModelProfiles.isDirect(request.model());
    if (classification.requestClass() == RequestClass.STATUS && !direct) {
      if (!(v1 && request.agentMode())) {
        return answerStatus(request, classification);
      }
      // A coding agent's loop needs a model's answer, not a status report.
      classification =
          classification.as(RequestClass.FAST, "agent mode: " + classification.reason());
    }
    boolean cacheable = v1 && !request.agentMode();
    if (cacheable) {
      CacheLookup lookup = cache.lookup(request);
      if (lookup.hit()) {
        return fromCache(lookup.result(), classification);
      }
    }
    RoutePlan plan = router.route(request, classification);
    if (plan.candidates().isEmpty()) {
      throw ApplicationFailure.newNonRetryableFailure(
          plan.unavailable(), ChatErrorType.NO_PROVIDER.name());
    }
    ChatResult result = ModelFallback.answer(request, classification, plan);
    if (cacheable) {
      cache.store(request, result);
    }
    return result;
  }

  private Classification classify(ChatRequest request, boolean v1) {
    var forced = ModelProfiles.forcedClass(request.model());
    if (forced.isPresent()) {
      return Classification.forced(forced.get(), "model profile " + request.model());
    }
    Classification verdict = classifier.classify(request);
    if (v1 && verdict.needsVote()) {
      try {
        return voter.vote(request, verdict);
      } catch (ActivityFailure unavailable) {
        // The in-process verdict stands; the vote only refines it.
        return verdict;
      }
    }
    return verdict;
  }

  private ChatResult answerStatus(ChatRequest request, Classification classification) {
    String answer = status.answerStatus(request);
    return new ChatResult(
        classification, "coracle", "status", answer, "stop", Usage.NONE, 0, List.of());
  }

  private static ChatResult fromCache(ChatResult cached, Classification classification) {
    return new ChatResult(
        classification,
        cached.provider(),
        cached.model(),
        cached.content(),
        cached.finishReason(),
        cached.usage(),
        0,
        List.of(),
        null,
        true);
  }
}
