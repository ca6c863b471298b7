package dev.coracle.worker;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SlotQueueTest {
  private static final Duration LONG = Duration.ofHours(1);

  @Test
  void a_call_waits_from_its_scheduling_until_its_first_attempt_starts() {
    SlotQueue queue = new SlotQueue();
    queue.scheduled("chat-1", LONG);
    queue.scheduled("chat-2", LONG);
    queue.scheduled("chat-2", null);

    assertThat(queue.depth()).isEqualTo(3);
    queue.started("chat-2");
    assertThat(queue.depth()).isEqualTo(2);
    queue.started("chat-1");
    queue.started("chat-1");
    assertThat(queue.depth()).isEqualTo(1);
  }

  @Test
  void calls_of_an_ended_run_and_calls_past_their_timeout_stop_counting() {
    SlotQueue queue = new SlotQueue();
    queue.scheduled("job-1", LONG);
    queue.scheduled("job-1", LONG);
    queue.scheduled("chat-1", Duration.ZERO);
    queue.scheduled("chat-2", LONG);

    queue.runEnded("job-1");

    assertThat(queue.depth()).isEqualTo(1);
    queue.started("chat-2");
    assertThat(queue.depth()).isZero();
  }

  @Test
  void a_start_that_was_never_seen_scheduled_does_not_go_below_zero() {
    SlotQueue queue = new SlotQueue();
    queue.started("replayed-chat");

    assertThat(queue.depth()).isZero();
  }
}
