package dev.coracle.activities.local;

import java.time.Duration;
import java.time.Instant;

/**
 * What the single LLM slot holds and has done, for the status page.
 *
 * @param residentModel the local model last made ready; null before the first local call
 * @param residentSince when that model took the slot
 * @param lastSwap how long the last swap took to unload the previous model and see it gone; null if
 *     there has been none
 * @param swaps how many times another model had to be unloaded first
 * @param lastPreparedAt when a local call was last let through
 * @param lastRefusal why the slot last refused a model, e.g. too little free memory; null if never
 * @param lastRefusalAt when it did
 */
public record SlotState(
    String residentModel,
    Instant residentSince,
    Duration lastSwap,
    int swaps,
    Instant lastPreparedAt,
    String lastRefusal,
    Instant lastRefusalAt) {

  static SlotState empty() {
    return new SlotState(null, null, null, 0, null, null, null);
  }

  /**
   * Whether the latest attempt was refused, so calls are waiting; {@link #lastRefusal} says why.
   */
  public boolean refusing() {
    return lastRefusalAt != null
        && (lastPreparedAt == null || lastRefusalAt.isAfter(lastPreparedAt));
  }

  SlotState prepared(String model, Instant now, Duration swap) {
    boolean sameModel = residentModel != null && residentModel.equals(model);
    return new SlotState(
        model,
        sameModel && swap == null ? residentSince : now,
        swap == null ? lastSwap : swap,
        swap == null ? swaps : swaps + 1,
        now,
        lastRefusal,
        lastRefusalAt);
  }

  SlotState refused(String reason, Instant now) {
    return new SlotState(
        residentModel, residentSince, lastSwap, swaps, lastPreparedAt, reason, now);
  }
}
