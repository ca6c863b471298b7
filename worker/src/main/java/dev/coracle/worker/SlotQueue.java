package dev.coracle.worker;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Local model calls scheduled on the LLM slot's task queue and not started yet: the slot's queue
 * depth. The embedded test server keeps no backlog count, so the queue is followed from both ends
 * in this process: a workflow schedules the call (not on replay), and the worker starts its first
 * attempt. A call that never starts is dropped when its workflow run ends or when its own
 * schedule-to-start (else schedule-to-close) timeout has passed, so the depth cannot drift upward.
 *
 * <p>There is one slot per machine, and so one queue per process, whichever embedded server
 * generation the calls were scheduled on: hence the single {@link #INSTANCE}.
 */
public final class SlotQueue {
  /** The queue of this process. */
  public static final SlotQueue INSTANCE = new SlotQueue();

  /** When each waiting call stops counting (nanoTime), per workflow id, oldest first. */
  private final Map<String, Deque<Long>> waiting = new ConcurrentHashMap<>();

  SlotQueue() {}

  /** A workflow scheduled a call on the slot that gives up after {@code timeout} (null: never). */
  void scheduled(String workflowId, Duration timeout) {
    long until = timeout == null ? Long.MAX_VALUE : System.nanoTime() + timeout.toNanos();
    waiting.compute(
        workflowId,
        (id, calls) -> {
          Deque<Long> queue = calls == null ? new ArrayDeque<>() : calls;
          queue.addLast(until);
          return queue;
        });
  }

  /** The first attempt of one of the workflow's calls started in the slot. */
  void started(String workflowId) {
    waiting.computeIfPresent(
        workflowId,
        (id, calls) -> {
          calls.pollFirst();
          return calls.isEmpty() ? null : calls;
        });
  }

  /** The workflow's run ended: a call it scheduled and never saw start will not start. */
  void runEnded(String workflowId) {
    waiting.remove(workflowId);
  }

  /** Calls waiting now; those past their timeout are dropped on the way. */
  public int depth() {
    long now = System.nanoTime();
    int depth = 0;
    for (String workflowId : waiting.keySet()) {
      Deque<Long> left =
          waiting.computeIfPresent(
              workflowId,
              (id, calls) -> {
                calls.removeIf(until -> until - now < 0);
                return calls.isEmpty() ? null : calls;
              });
      depth += left == null ? 0 : left.size();
    }
    return depth;
  }
}
