package dev.coracle.activities.model;

import dev.coracle.activities.local.LocalModelSlot;
import dev.coracle.activities.local.SlotUnavailableException;
import dev.coracle.activities.metrics.CoracleMetrics;
import dev.coracle.workflows.chat.ChatErrorType;
import io.temporal.activity.Activity;
import io.temporal.failure.ApplicationFailure;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.time.Duration;

/**
 * Gets the single LLM slot ready for a local Ollama model: the resident model is unloaded first,
 * and nothing is loaded while free memory is under the floor. A low-memory refusal waits a while
 * (the request queues in the slot; status says why) before the workflow moves on to the next
 * candidate.
 */
@Singleton
public class LocalSlotGate {
  static final Duration MEMORY_WAIT = Duration.ofSeconds(30);
  private static final Duration POLL = Duration.ofSeconds(2);

  private final LocalModelSlot slot;
  private final CoracleMetrics metrics;

  public LocalSlotGate(LocalModelSlot slot, CoracleMetrics metrics) {
    this.slot = slot;
    this.metrics = metrics;
  }

  public void prepare(String baseUrl, String model) {
    long deadline = System.nanoTime() + MEMORY_WAIT.toNanos();
    while (true) {
      try {
        slot.prepare(baseUrl, model);
        metrics.slotReady();
        return;
      } catch (SlotUnavailableException e) {
        if (System.nanoTime() > deadline) {
          throw ApplicationFailure.newFailure(
              e.getMessage(), ChatErrorType.UPSTREAM_UNAVAILABLE.name());
        }
        heartbeat(e.getMessage());
        sleep();
      } catch (IOException e) {
        throw ApplicationFailure.newFailure(
            e.getMessage(), ChatErrorType.UPSTREAM_UNAVAILABLE.name());
      }
    }
  }

  private static void heartbeat(String why) {
    try {
      Activity.getExecutionContext().heartbeat(why);
    } catch (IllegalStateException notInAnActivity) {
      // Called outside an activity (tests, tools): nothing to report to.
    }
  }

  private static void sleep() {
    try {
      Thread.sleep(POLL.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw ApplicationFailure.newFailure("interrupted while waiting for memory", "INTERRUPTED");
    }
  }
}
