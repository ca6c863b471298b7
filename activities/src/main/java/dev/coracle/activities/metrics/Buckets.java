package dev.coracle.activities.metrics;

import java.time.Duration;

/**
 * Histogram bucket bounds, chosen per meter for the times it really sees, so that each histogram
 * has a dozen series rather than Micrometer's seventy-odd defaults.
 */
final class Buckets {
  /** A request to coracle: a status answer in milliseconds, a cold local model in minutes. */
  static final Duration[] REQUEST =
      seconds(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300);

  /** A call to a model, local or in the cloud. */
  static final Duration[] MODEL = seconds(0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600);

  /** The in-process classifier: rules in microseconds, the embedding tier in milliseconds. */
  static final Duration[] CLASSIFIER =
      seconds(0.0001, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1);

  /** Waiting for the single LLM slot: nothing, a model swap, or other calls ahead in the queue. */
  static final Duration[] SLOT = seconds(0.01, 0.1, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600);

  private Buckets() {}

  private static Duration[] seconds(double... bounds) {
    Duration[] durations = new Duration[bounds.length];
    for (int i = 0; i < bounds.length; i++) {
      durations[i] = Duration.ofNanos(Math.round(bounds[i] * 1_000_000_000L));
    }
    return durations;
  }
}
