package dev.coracle.workflows.chat;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/**
 * The semantic cache. Local activities: the embedding model runs in-process and never touches the
 * LLM slot. Both methods decide eligibility themselves (tools, temperature, bypass).
 */
@ActivityInterface
public interface CacheActivities {

  @ActivityMethod(name = "CacheLookup")
  CacheLookup lookup(ChatRequest request);

  /** Remembers an answer; a no-op for requests the cache must not serve. */
  @ActivityMethod(name = "CacheStore")
  void store(ChatRequest request, ChatResult result);
}
