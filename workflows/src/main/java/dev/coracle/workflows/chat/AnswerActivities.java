package dev.coracle.workflows.chat;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/**
 * Hands a chat's answer to the HTTP response waiting for it in this process, before the workflow
 * does its bookkeeping (the cache store) and completes. A local activity: the answer it hands over
 * is already the workflow's, and the workflow's own result stays the durable one for every other
 * reader.
 */
@ActivityInterface
public interface AnswerActivities {

  /** Completes the waiting response of {@code workflowId}; a no-op when nobody here waits. */
  @ActivityMethod(name = "AnswerHandOver")
  void handOver(String workflowId, ChatResult result);

  /**
   * Completes the waiting response of {@code workflowId}, then stores the answer in the semantic
   * cache (a no-op for requests the cache must not serve): one local activity where a chat answered
   * by a model had two, so one hop to the activity executor, one marker and one copy of the answer
   * in the workflow task fewer. The hand-over comes first, so the response never waits for the
   * store's embedding.
   */
  @ActivityMethod(name = "AnswerHandOverThenStore")
  void handOverThenStore(String workflowId, ChatRequest request, ChatResult result);

  /**
   * Looks {@code request} up in the semantic cache and, on a hit, hands the earlier answer ({@link
   * CacheLookup#served} under {@code classification}) to the waiting response of {@code
   * workflowId}: one local activity where a cache hit had two. A lookup that fails is a miss, as
   * with {@link CacheActivities#lookup}.
   */
  @ActivityMethod(name = "AnswerLookUpThenHandOver")
  CacheLookup lookUpThenHandOver(
      String workflowId, ChatRequest request, Classification classification);

  /**
   * Routes {@code request}, calls its models in order on this thread (each with the attempts and
   * fallbacks a model-call activity has), hands the answer to the waiting response of {@code
   * workflowId} and then, when {@code store}, stores it in the semantic cache: one local activity
   * where a plain chat a model answered had three (route, model call, hand-over). Calls nothing
   * when a candidate needs the LLM slot or the candidates' time bounds exceed this activity's; the
   * workflow then calls as before. Never throws once a model was asked: every outcome is a value,
   * so nothing retries this activity behind the answer's back.
   */
  @ActivityMethod(name = "AnswerRouteCallHandOver")
  RoutedAnswer routeCallThenHandOver(
      String workflowId, ChatRequest request, Classification classification, boolean store);
}
