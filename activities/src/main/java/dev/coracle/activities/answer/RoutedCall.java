package dev.coracle.activities.answer;

import dev.coracle.activities.cache.CacheActivitiesImpl;
import dev.coracle.activities.model.ModelActivitiesImpl;
import dev.coracle.activities.route.RouteActivitiesImpl;
import dev.coracle.workflows.chat.ChatRequest;
import dev.coracle.workflows.chat.ChatResult;
import dev.coracle.workflows.chat.Classification;
import dev.coracle.workflows.chat.RoutedAnswer;
import dev.coracle.workflows.model.InProcessChain;
import dev.coracle.workflows.model.ModelCall;
import dev.coracle.workflows.model.RoutePlan;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A plain chat's route, model calls and hand-over on one thread, in one local activity: the route
 * activity's plan (with its audit rows for skipped providers), then each candidate through the
 * model activity's own code (guardrails, quota reservation and settlement, audit, error types) with
 * the retries and fallbacks of {@link InProcessChain}, then the hand-over to the waiting response
 * and the cache store. Once a model was asked, every outcome is returned, never thrown, so the
 * activity is never retried behind an answer that went out: the hand-over happens at most once per
 * run and each attempt at a model reserves and settles its quota once.
 */
@Singleton
public class RoutedCall {
  private static final Logger log = LoggerFactory.getLogger(RoutedCall.class);

  private final RouteActivitiesImpl routes;
  private final ModelActivitiesImpl models;
  private final AnswerHub hub;
  private final CacheActivitiesImpl cache;

  public RoutedCall(
      RouteActivitiesImpl routes,
      ModelActivitiesImpl models,
      AnswerHub hub,
      CacheActivitiesImpl cache) {
    this.routes = routes;
    this.models = models;
    this.hub = hub;
    this.cache = cache;
  }

  RoutedAnswer run(
      String workflowId, ChatRequest request, Classification classification, boolean store) {
    RoutePlan plan;
    try {
      plan = routes.route(request, classification);
    } catch (RuntimeException failed) {
      // Nothing was called yet: the workflow routes again with the route activity's retries.
      log.warn("Could not route {} in one activity: {}", workflowId, failed.getMessage());
      return RoutedAnswer.notCalled(null);
    }
    if (!InProcessChain.callableHere(plan)) {
      return RoutedAnswer.notCalled(plan);
    }
    String requestClass = classification.requestClass().wireName();
    InProcessChain.Outcome outcome =
        InProcessChain.call(
            plan,
            (target, attempt) ->
                models.call(
                    new ModelCall(
                        target,
                        request.messages(),
                        request.params(),
                        null,
                        workflowId,
                        requestClass,
                        request.tools())));
    if (outcome.answered() == null) {
      return RoutedAnswer.failed(outcome.failureType(), outcome.failure());
    }
    ChatResult result = RoutedAnswer.resultOf(classification, outcome.answered());
    hub.handOver(workflowId, result);
    if (store) {
      storeQuietly(request, result);
    }
    return RoutedAnswer.answered(result);
  }

  /** The answer has gone out: a cache that cannot take it only misses one entry. */
  private void storeQuietly(ChatRequest request, ChatResult result) {
    try {
      cache.store(request, result);
    } catch (RuntimeException failed) {
      log.warn("Could not store an answer in the cache: {}", failed.getMessage());
    }
  }
}
