package dev.coracle.activities.model;

import dev.coracle.activities.providers.TokenSink;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.client.ActivityCompletionException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Keeps Temporal told that a model call is alive, and remembers what the call streamed. The call
 * heartbeats with every token and, while it waits (for the slot, for the first token, for a plain
 * answer), on a steady tick, so the activity's heartbeat timeout only fires when the worker itself
 * is gone. Each heartbeat carries the {@link Progress}, so a later attempt of the same call can see
 * that tokens already reached the client and refuse to repeat them.
 */
final class CallPulse implements AutoCloseable {

  /**
   * How often a waiting call heartbeats at most; more often when the heartbeat timeout is short.
   */
  static final Duration TICK = Duration.ofSeconds(5);

  /**
   * The least time between two heartbeats that tokens cause: each heartbeat copies the partial
   * answer, and the SDK sends at most one per throttle interval anyway.
   */
  static final Duration TOKEN_BEAT_INTERVAL = Duration.ofSeconds(1);

  /** The most of a partial answer kept in a heartbeat or a failure's details. */
  static final int MAX_PARTIAL_CHARS = 32_000;

  private static final ScheduledExecutorService TICKER =
      Executors.newSingleThreadScheduledExecutor(
          task -> {
            Thread thread = new Thread(task, "coracle-model-heartbeat");
            thread.setDaemon(true);
            return thread;
          });

  /**
   * What a call had streamed at its last heartbeat.
   *
   * @param pieces tokens and tool-call pieces that reached the client
   * @param partial the text so far, cut at {@link #MAX_PARTIAL_CHARS}
   */
  record Progress(int pieces, String partial) {}

  private final ActivityExecutionContext context;
  private final Progress earlier;
  private final StringBuilder text = new StringBuilder();
  private final ScheduledFuture<?> tick;
  private volatile int pieces;
  private long lastTokenBeat;

  private CallPulse(ActivityExecutionContext context) {
    this.context = context;
    // Read before this attempt's first heartbeat, which would replace the earlier attempt's.
    this.earlier =
        context == null ? null : context.getHeartbeatDetails(Progress.class).orElse(null);
    this.tick =
        context == null
            ? null
            : TICKER.scheduleAtFixedRate(
                this::beat, 0, tickFor(context).toMillis(), TimeUnit.MILLISECONDS);
  }

  /** A third of the heartbeat timeout, so two beats may be lost before Temporal gives up. */
  private static Duration tickFor(ActivityExecutionContext context) {
    Duration timeout = context.getInfo().getHeartbeatTimeout();
    if (timeout == null || timeout.isZero()) {
      return TICK;
    }
    Duration third = timeout.dividedBy(3);
    if (third.compareTo(TICK) > 0) {
      return TICK;
    }
    return third.isZero() ? Duration.ofMillis(1) : third;
  }

  /** Starts heartbeating for the activity running on this thread; does nothing outside one. */
  static CallPulse start() {
    ActivityExecutionContext context;
    try {
      context = Activity.getExecutionContext();
    } catch (IllegalStateException notInAnActivity) {
      // Called directly (tests, tools): there is no Temporal to tell.
      context = null;
    }
    if (context != null && context.getInfo().isLocal()) {
      // A local activity (a chat's plain cloud call) cannot heartbeat: its workflow task is what
      // keeps it alive, and it never streams, so there is no partial answer to carry over.
      context = null;
    }
    return new CallPulse(context);
  }

  /**
   * What an earlier attempt of this same call had streamed, when there was one: only an attempt
   * that heartbeated leaves details, so the first attempt finds none.
   */
  Optional<Progress> earlierAttempt() {
    return Optional.ofNullable(earlier);
  }

  /** A sink that counts and keeps what passes to {@code sink}; null for a plain call. */
  TokenSink counting(TokenSink sink) {
    if (sink == null) {
      return null;
    }
    return new TokenSink() {
      @Override
      public void onToken(String piece) {
        sink.onToken(piece);
        synchronized (text) {
          if (text.length() < MAX_PARTIAL_CHARS) {
            text.append(piece, 0, Math.min(piece.length(), MAX_PARTIAL_CHARS - text.length()));
          }
        }
        pieces++;
        beatForToken();
      }

      @Override
      public void onToolCall(int index, String id, String name, String argumentsFragment) {
        sink.onToolCall(index, id, name, argumentsFragment);
        pieces++;
        beatForToken();
      }
    };
  }

  Progress progress() {
    synchronized (text) {
      return new Progress(pieces, text.toString());
    }
  }

  @Override
  public void close() {
    if (tick != null) {
      tick.cancel(false);
    }
  }

  /** Tokens arrive on the calling thread, one at a time, so the interval needs no lock. */
  private void beatForToken() {
    long now = System.nanoTime();
    if (lastTokenBeat == 0 || now - lastTokenBeat >= TOKEN_BEAT_INTERVAL.toNanos()) {
      lastTokenBeat = now;
      beat();
    }
  }

  private void beat() {
    if (context == null) {
      return;
    }
    try {
      context.heartbeat(progress());
    } catch (ActivityCompletionException ended) {
      // The workflow cancelled or timed out this attempt; the call ends by its own timeouts, and a
      // later attempt sees the progress recorded so far.
    } catch (RuntimeException unexpected) {
      // A heartbeat that cannot be sent must not break the call; the next one tries again.
    }
  }
}
