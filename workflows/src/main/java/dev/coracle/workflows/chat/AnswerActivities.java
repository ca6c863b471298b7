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
}
