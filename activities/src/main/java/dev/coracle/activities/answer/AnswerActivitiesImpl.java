package dev.coracle.activities.answer;

import dev.coracle.activities.cache.CacheActivitiesImpl;
import dev.coracle.workflows.chat.AnswerActivities;
import dev.coracle.workflows.chat.CacheLookup;
import dev.coracle.workflows.chat.ChatRequest;
import dev.coracle.workflows.chat.ChatResult;
import dev.coracle.workflows.chat.Classification;
import dev.coracle.workflows.chat.RoutedAnswer;
import jakarta.inject.Provider;
import jakarta.inject.Singleton;

/**
 * Hands answers over through the in-process {@link AnswerHub}, and then, for a chat a model
 * answered, stores them in the semantic cache; for a plain chat, also routes it and calls its
 * models first ({@link RoutedCall}). Run as local activities.
 */
@Singleton
public class AnswerActivitiesImpl implements AnswerActivities {
  private final AnswerHub hub;
  private final CacheActivitiesImpl cache;
  private final Provider<RoutedCall> routedCall;

  /**
   * The routed call once a chat needed it: built on first use, so a context without providers (the
   * cache's tests) never builds the model activity.
   */
  private volatile RoutedCall routed;

  public AnswerActivitiesImpl(
      AnswerHub hub, CacheActivitiesImpl cache, Provider<RoutedCall> routedCall) {
    this.hub = hub;
    this.cache = cache;
    this.routedCall = routedCall;
  }

  @Override
  public void handOver(String workflowId, ChatResult result) {
    hub.handOver(workflowId, result);
  }

  /** The cache store logs and swallows its own failures: the answer has gone out either way. */
  @Override
  public void handOverThenStore(String workflowId, ChatRequest request, ChatResult result) {
    hub.handOver(workflowId, result);
    cache.store(request, result);
  }

  /** The lookup logs its own failures and answers them with a miss; a miss hands nothing over. */
  @Override
  public CacheLookup lookUpThenHandOver(
      String workflowId, ChatRequest request, Classification classification) {
    CacheLookup lookup = cache.lookup(request);
    if (lookup.hit()) {
      hub.handOver(workflowId, CacheLookup.served(lookup.result(), classification));
    }
    return lookup;
  }

  @Override
  public RoutedAnswer routeCallThenHandOver(
      String workflowId, ChatRequest request, Classification classification, boolean store) {
    RoutedCall call = routed;
    if (call == null) {
      call = routedCall.get();
      routed = call;
    }
    return call.run(workflowId, request, classification, store);
  }
}
