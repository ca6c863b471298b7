package dev.coracle.activities.answer;

import dev.coracle.workflows.chat.ChatResult;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Carries a chat's answer from its workflow to the HTTP response waiting for it, when both run in
 * one process, so the response does not wait for the workflow's bookkeeping and completion. Like
 * the token hub, only a fast lane: a response that finds no place here waits for the workflow's
 * durable result.
 */
@Singleton
public class AnswerHub {
  private final Map<String, CompletableFuture<ChatResult>> waiting = new ConcurrentHashMap<>();

  /**
   * A future the workflow completes with its answer, or null when a response already waits for
   * {@code workflowId} (a repeated request with the same idempotency key): that one keeps it.
   * {@link #forget} must follow once the durable result is in.
   */
  public CompletableFuture<ChatResult> await(String workflowId) {
    CompletableFuture<ChatResult> answer = new CompletableFuture<>();
    return waiting.putIfAbsent(workflowId, answer) == null ? answer : null;
  }

  /** Completes the response waiting for {@code workflowId}, if one does. */
  public void handOver(String workflowId, ChatResult result) {
    CompletableFuture<ChatResult> answer = waiting.remove(workflowId);
    if (answer != null) {
      answer.complete(result);
    }
  }

  /** Stops waiting: the workflow ended without handing over, or its start failed. */
  public void forget(String workflowId, CompletableFuture<ChatResult> answer) {
    waiting.remove(workflowId, answer);
  }
}
