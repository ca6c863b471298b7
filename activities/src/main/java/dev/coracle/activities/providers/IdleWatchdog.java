package dev.coracle.activities.providers;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Bounds the silence between two lines of a response body read on a blocking stream: when no line
 * arrives in time, the body is closed, which ends the blocked read with an error. A stalled
 * upstream would otherwise hold the reading thread forever.
 */
final class IdleWatchdog implements AutoCloseable {
  private static final ScheduledExecutorService TIMER =
      Executors.newSingleThreadScheduledExecutor(
          task -> {
            Thread thread = new Thread(task, "coracle-idle-watchdog");
            thread.setDaemon(true);
            return thread;
          });

  private final Closeable body;
  private final Duration idleTimeout;
  private ScheduledFuture<?> pending;
  private volatile boolean fired;

  IdleWatchdog(Closeable body, Duration idleTimeout) {
    this.body = body;
    this.idleTimeout = idleTimeout;
  }

  /** Reads the next line, closing the body if it takes longer than the idle timeout. */
  String readLine(BufferedReader reader) throws IOException {
    pending = TIMER.schedule(this::fire, idleTimeout.toMillis(), TimeUnit.MILLISECONDS);
    try {
      return reader.readLine();
    } catch (IOException e) {
      if (fired) {
        return null;
      }
      throw e;
    } finally {
      pending.cancel(false);
    }
  }

  /** True when the body was closed for silence. */
  boolean fired() {
    return fired;
  }

  private void fire() {
    fired = true;
    try {
      body.close();
    } catch (IOException ignored) {
      // The read this is meant to end fails either way.
    }
  }

  @Override
  public void close() {
    if (pending != null) {
      pending.cancel(false);
    }
  }
}
