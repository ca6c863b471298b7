package dev.coracle.activities.cache;

import dev.coracle.workflows.chat.CacheActivities;
import dev.coracle.workflows.chat.CacheLookup;
import dev.coracle.workflows.chat.ChatRequest;
import dev.coracle.workflows.chat.ChatResult;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cache activities, run as local activities. The cache only saves time, so a failure inside it
 * is logged and the request goes on to a model: a lookup that fails is a miss and a store that
 * fails is skipped. Retrying would only delay the answer.
 */
@Singleton
public class CacheActivitiesImpl implements CacheActivities {

  private static final Logger log = LoggerFactory.getLogger(CacheActivitiesImpl.class);

  private final SemanticCache cache;

  public CacheActivitiesImpl(SemanticCache cache) {
    this.cache = cache;
  }

  @Override
  public CacheLookup lookup(ChatRequest request) {
    try {
      return cache.lookup(request);
    } catch (RuntimeException e) {
      log.warn("Cache lookup failed, asking a model instead", e);
      return CacheLookup.miss("cache unavailable: " + e);
    }
  }

  @Override
  public void store(ChatRequest request, ChatResult result) {
    try {
      cache.store(request, result);
    } catch (RuntimeException e) {
      log.warn("Could not cache an answer", e);
    }
  }
}
