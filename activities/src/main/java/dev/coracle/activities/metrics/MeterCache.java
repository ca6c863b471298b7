package dev.coracle.activities.metrics;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Meters already registered, by the labels they were built from. Micrometer's registry keeps each
 * meter once, so building one twice returns the same meter; this only saves the building. A key
 * beyond {@link #MAX_SIZE} is built every time and not kept, so a label that escaped its closed set
 * cannot grow the map without bound.
 */
final class MeterCache<K, M> {

  /** More sets of labels than coracle's closed label sets produce. */
  static final int MAX_SIZE = 1_024;

  private final Map<K, M> meters = new ConcurrentHashMap<>();

  M get(K key, Function<K, M> build) {
    M meter = meters.get(key);
    if (meter != null) {
      return meter;
    }
    if (meters.size() >= MAX_SIZE) {
      return build.apply(key);
    }
    return meters.computeIfAbsent(key, build);
  }
}
