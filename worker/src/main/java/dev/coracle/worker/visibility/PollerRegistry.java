package dev.coracle.worker.visibility;

import io.temporal.api.enums.v1.TaskQueueType;
import io.temporal.api.taskqueue.v1.PollerInfo;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Who has polled which task queue, and when last. The test server keeps no such record, so the
 * embedded service notes each poll on its way in. A poller not seen for five minutes is forgotten,
 * as a real cluster forgets it.
 */
final class PollerRegistry {
  static final Duration FORGET_AFTER = Duration.ofMinutes(5);

  private record Queue(String namespace, String name, TaskQueueType type) {}

  private final Clock clock;
  private final Map<Queue, Map<String, Instant>> lastSeen = new ConcurrentHashMap<>();

  PollerRegistry(Clock clock) {
    this.clock = clock;
  }

  void polled(String namespace, String taskQueue, TaskQueueType type, String identity) {
    lastSeen
        .computeIfAbsent(new Queue(namespace, taskQueue, type), q -> new ConcurrentHashMap<>())
        .put(identity, clock.instant());
  }

  /** The pollers seen lately on one queue, most recent first. */
  List<PollerInfo> pollers(String namespace, String taskQueue, TaskQueueType type) {
    Map<String, Instant> seen = lastSeen.get(new Queue(namespace, taskQueue, type));
    if (seen == null) {
      return List.of();
    }
    Instant cutoff = clock.instant().minus(FORGET_AFTER);
    seen.values().removeIf(at -> at.isBefore(cutoff));
    return seen.entrySet().stream()
        .sorted(Map.Entry.<String, Instant>comparingByValue(Comparator.reverseOrder()))
        .map(
            e ->
                PollerInfo.newBuilder()
                    .setIdentity(e.getKey())
                    .setLastAccessTime(ProtoTime.of(e.getValue()))
                    .build())
        .toList();
  }

  /** Every namespace a worker has polled in. */
  Set<String> namespaces() {
    Set<String> names = new TreeSet<>();
    lastSeen.keySet().forEach(q -> names.add(q.namespace()));
    return names;
  }
}
