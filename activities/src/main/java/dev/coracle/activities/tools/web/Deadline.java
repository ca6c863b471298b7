package dev.coracle.activities.tools.web;

import java.time.Duration;

/** The moment a web call gives up, shared by every connect and read of that call. */
public record Deadline(long nanos, Duration limit) {

  public static Deadline in(Duration limit) {
    return new Deadline(System.nanoTime() + limit.toNanos(), limit);
  }

  /** Milliseconds left, at least 1 so a socket timeout of 0 (wait forever) never happens. */
  public int remainingMillis() {
    long left = (nanos - System.nanoTime()) / 1_000_000;
    return (int) Math.max(1, Math.min(Integer.MAX_VALUE, left));
  }

  public boolean passed() {
    return System.nanoTime() - nanos >= 0;
  }
}
