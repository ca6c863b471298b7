package dev.coracle.worker.visibility;

import static io.temporal.api.enums.v1.TaskQueueType.TASK_QUEUE_TYPE_ACTIVITY;
import static io.temporal.api.enums.v1.TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW;
import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.api.taskqueue.v1.PollerInfo;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class PollerRegistryTest {
  private Instant now = Instant.parse("2025-03-01T10:00:00Z");
  private final PollerRegistry registry =
      new PollerRegistry(
          new Clock() {
            @Override
            public ZoneOffset getZone() {
              return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
              return this;
            }

            @Override
            public Instant instant() {
              return now;
            }
          });

  @Test
  void pollers_are_kept_per_queue_and_type_most_recent_first() {
    registry.polled("default", "coracle", TASK_QUEUE_TYPE_WORKFLOW, "a@host");
    now = now.plusSeconds(1);
    registry.polled("default", "coracle", TASK_QUEUE_TYPE_WORKFLOW, "b@host");
    registry.polled("default", "coracle", TASK_QUEUE_TYPE_ACTIVITY, "c@host");

    assertThat(registry.pollers("default", "coracle", TASK_QUEUE_TYPE_WORKFLOW))
        .extracting(PollerInfo::getIdentity)
        .containsExactly("b@host", "a@host");
    assertThat(registry.pollers("default", "coracle", TASK_QUEUE_TYPE_ACTIVITY))
        .extracting(PollerInfo::getIdentity)
        .containsExactly("c@host");
    assertThat(registry.pollers("other", "coracle", TASK_QUEUE_TYPE_WORKFLOW)).isEmpty();
    assertThat(registry.namespaces()).containsExactly("default");
  }

  @Test
  void a_poller_unseen_for_five_minutes_is_forgotten() {
    registry.polled("default", "coracle", TASK_QUEUE_TYPE_WORKFLOW, "old@host");
    now = now.plus(Duration.ofMinutes(4));
    registry.polled("default", "coracle", TASK_QUEUE_TYPE_WORKFLOW, "new@host");
    now = now.plus(Duration.ofMinutes(2));

    assertThat(registry.pollers("default", "coracle", TASK_QUEUE_TYPE_WORKFLOW))
        .extracting(PollerInfo::getIdentity)
        .containsExactly("new@host");
  }

  @Test
  void the_last_access_time_is_when_the_poll_was_seen() {
    registry.polled("default", "coracle", TASK_QUEUE_TYPE_WORKFLOW, "a@host");

    assertThat(registry.pollers("default", "coracle", TASK_QUEUE_TYPE_WORKFLOW).get(0))
        .extracting(p -> ProtoTime.toInstant(p.getLastAccessTime()))
        .isEqualTo(now);
  }
}
