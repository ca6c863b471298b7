package dev.coracle.workflows.chat;

import dev.coracle.workflows.job.JobRole;
import dev.coracle.workflows.model.InProcessChain;
import dev.coracle.workflows.model.ModelCall;
import dev.coracle.workflows.model.RoutePlan;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Fakes of the three local activities: a classifier with a fixed verdict, a router with a fixed
 * plan and a status answer. Each remembers what it was asked, so a test can tell whether the
 * workflow called it at all.
 */
final class FakeLightActivities
    implements ClassifyActivities,
        RouteActivities,
        StatusActivities,
        CacheActivities,
        AnswerActivities {
  static final String STATUS_ANSWER = "1 job running: refactor (step 2 of 5)";

  private final Classification verdict;
  private final RoutePlan plan;
  final List<ChatRequest> classified = new CopyOnWriteArrayList<>();
  final List<Classification> routed = new CopyOnWriteArrayList<>();
  final List<ChatRequest> statusQuestions = new CopyOnWriteArrayList<>();
  final List<ChatRequest> cacheLookups = new CopyOnWriteArrayList<>();
  final Map<String, ChatResult> cached = new ConcurrentHashMap<>();
  final Map<String, ChatResult> handedOver = new ConcurrentHashMap<>();

  /** The workflows whose hand-over and store ran as one activity. */
  final List<String> handOversThenStores = new CopyOnWriteArrayList<>();

  /** The workflows whose lookup and hit's hand-over ran as one activity. */
  final List<String> lookUpsThenHandOvers = new CopyOnWriteArrayList<>();

  /** The hand-overs and stores in the order they ran. */
  final List<String> bookkeeping = new CopyOnWriteArrayList<>();

  /** The workflows whose route, model calls and hand-over ran as one activity. */
  final List<String> oneHops = new CopyOnWriteArrayList<>();

  /** The models the one activity calls, as the real one calls the model activity's code. */
  private FakeModels inProcess;

  FakeLightActivities(RequestClass verdict, RoutePlan plan) {
    this(new Classification(verdict, 0.9, "rules", "fake verdict"), plan);
  }

  FakeLightActivities(Classification verdict, RoutePlan plan) {
    this.verdict = verdict;
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

  /** Every job role gets the same fixed plan. */
  @Override
  public RoutePlan routeRole(JobRole role, ChatRequest request) {
    return plan;
  }

  @Override
  public String answerStatus(ChatRequest request) {
    statusQuestions.add(request);
    return STATUS_ANSWER;
  }

  /** An exact-match stand-in for the semantic cache: same model and same last user turn. */
  @Override
  public CacheLookup lookup(ChatRequest request) {
    cacheLookups.add(request);
    ChatResult hit = cached.get(request.model() + "|" + request.lastUserText());
    return hit == null ? CacheLookup.miss("not cached") : new CacheLookup(true, hit, 1.0, "exact");
  }

  @Override
  public void store(ChatRequest request, ChatResult result) {
    bookkeeping.add("store");
    cached.put(request.model() + "|" + request.lastUserText(), result);
  }

  @Override
  public void handOver(String workflowId, ChatResult result) {
    bookkeeping.add("hand over");
    handedOver.put(workflowId, result);
  }

  @Override
  public void handOverThenStore(String workflowId, ChatRequest request, ChatResult result) {
    handOversThenStores.add(workflowId);
    handOver(workflowId, result);
    store(request, result);
  }

  @Override
  public CacheLookup lookUpThenHandOver(
      String workflowId, ChatRequest request, Classification classification) {
    lookUpsThenHandOvers.add(workflowId);
    CacheLookup lookup = lookup(request);
    if (lookup.hit()) {
      handOver(workflowId, CacheLookup.served(lookup.result(), classification));
    }
    return lookup;
  }

  /** Lets {@link #routeCallThenHandOver} call {@code models}; returns this. */
  FakeLightActivities callingIn(FakeModels models) {
    this.inProcess = models;
    return this;
  }

  /** The real activity's steps, with {@link InProcessChain} over the fake models. */
  @Override
  public RoutedAnswer routeCallThenHandOver(
      String workflowId, ChatRequest request, Classification classification, boolean store) {
    oneHops.add(workflowId);
    RoutePlan routedPlan = route(request, classification);
    if (!InProcessChain.callableHere(routedPlan)) {
      return RoutedAnswer.notCalled(routedPlan);
    }
    if (inProcess == null) {
      throw new IllegalStateException("the test gave the one activity no models to call");
    }
    InProcessChain.Outcome outcome =
        InProcessChain.call(
            routedPlan,
            (target, attempt) ->
                inProcess.call(
                    new ModelCall(
                        target,
                        request.messages(),
                        request.params(),
                        null,
                        workflowId,
                        classification.requestClass().wireName(),
                        request.tools()),
                    attempt));
    if (outcome.answered() == null) {
      return RoutedAnswer.failed(outcome.failureType(), outcome.failure());
    }
    ChatResult result = RoutedAnswer.resultOf(classification, outcome.answered());
    handOver(workflowId, result);
    if (store) {
      store(request, result);
    }
    return RoutedAnswer.answered(result);
  }
}
