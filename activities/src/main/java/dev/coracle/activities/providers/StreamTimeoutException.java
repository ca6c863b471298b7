package dev.coracle.activities.providers;

import java.time.Duration;
import java.util.concurrent.TimeoutException;

/** A stream that went silent for too long, or whose whole answer took too long. */
final class StreamTimeoutException extends TimeoutException {

  private final boolean idle;

  private StreamTimeoutException(String message, boolean idle) {
    super(message);
    this.idle = idle;
  }

  static StreamTimeoutException idle(Duration idle) {
    return new StreamTimeoutException(
        "no data for " + ProviderErrors.human(idle) + " while streaming (idle timeout)", true);
  }

  static StreamTimeoutException total(Duration total) {
    return new StreamTimeoutException(
        "the answer took longer than " + ProviderErrors.human(total) + " (total timeout)", false);
  }

  /** Whether the stream went silent, rather than ran too long. */
  boolean idle() {
    return idle;
  }
}
