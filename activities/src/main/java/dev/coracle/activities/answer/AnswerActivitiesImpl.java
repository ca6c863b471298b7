package dev.coracle.activities.answer;

import dev.coracle.activities.cache.CacheActivitiesImpl;
import dev.coracle.workflows.chat.AnswerActivities;
import dev.coracle.workflows.chat.CacheLookup;
import dev.coracle.workflows.chat.ChatRequest;
import dev.coracle.workflows.chat.ChatResult;
import dev.coracle.workflows.chat.Classification;
import jakarta.inject.Singleton;

/**
 * Hands answers over through the in-process {@link AnswerHub}, and then, for a chat a model
 * answered, stores them in the semantic cache; run as local activities.
 */
@Singleton
public class AnswerActivitiesImpl implements AnswerActivities {
  private final AnswerHub hub;
  private final CacheActivitiesImpl cache;

  public AnswerActivitiesImpl(AnswerHub hub, CacheActivitiesImpl cache) {
    this.hub = hub;
    this.cache = cache;
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
}
