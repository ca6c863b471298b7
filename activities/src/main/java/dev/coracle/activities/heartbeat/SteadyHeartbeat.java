package dev.coracle.activities.heartbeat;

import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Heartbeats the activity running on this thread on a steady tick, for as long as the work inside
 * the try-with-resources block takes. With a heartbeat timeout on the activity, a worker that died
 * in the middle of a long call (a shell command, a slow MCP tool) is noticed within that timeout
 * instead of when the call's whole time bound runs out. A call that is merely slow keeps beating.
 */
public final class SteadyHeartbeat implements AutoCloseable {

  /** The longest gap between two beats; shorter when the heartbeat timeout is short. */
  static final Duration TICK = Duration.ofSeconds(5);

  private static final ScheduledExecutorService TICKER =
      Executors.newSingleThreadScheduledExecutor(
          task -> {
            Thread thread = new Thread(task, "coracle-activity-heartbeat");
            thread.setDaemon(true);
            return thread;
          });

  private final ScheduledFuture<?> tick;

  private SteadyHeartbeat(ScheduledFuture<?> tick) {
    this.tick = tick;
  }

  /**
   * Starts beating for the activity on this thread; outside an activity (a test calling the
   * implementation directly) there is no one to tell, and this does nothing.
   */
  public static SteadyHeartbeat start() {
    ActivityExecutionContext context;
    try {
      context = Activity.getExecutionContext();
    } catch (IllegalStateException notInAnActivity) {
      return new SteadyHeartbeat(null);
    }
    long every = tickFor(context.getInfo().getHeartbeatTimeout()).toMillis();
    return new SteadyHeartbeat(
        TICKER.scheduleAtFixedRate(() -> beat(context), 0, every, TimeUnit.MILLISECONDS));
  }

  /** A third of the heartbeat timeout, so two beats may be lost before Temporal gives up. */
  static Duration tickFor(Duration heartbeatTimeout) {
    if (heartbeatTimeout == null || heartbeatTimeout.isZero()) {
      return TICK;
    }
    Duration third = heartbeatTimeout.dividedBy(3);
    if (third.compareTo(TICK) > 0) {
      return TICK;
    }
    return third.isZero() ? Duration.ofMillis(1) : third;
  }

  private static void beat(ActivityExecutionContext context) {
    try {
      context.heartbeat(null);
    } catch (RuntimeException cancelledOrGone) {
      // A cancelled or timed-out activity learns it from its own call; the ticker just stops
      // mattering once the block closes.
    }
  }

  @Override
  public void close() {
    if (tick != null) {
      tick.cancel(false);
    }
  }
}
