package dev.coracle.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.internal.testservice.TestServicesStarter;
import java.lang.reflect.Field;
import java.time.Duration;
import java.util.LinkedList;
import org.junit.jupiter.api.Test;

class TemporalFloorTest {

  @Test
  void floor_runs_workflows_from_several_callers_and_reports_their_latency() throws Exception {
    try (TemporalFloor floor = TemporalFloor.start()) {
      TemporalFloor.Result result = floor.run(2, Duration.ofSeconds(1));

      assertThat(result.failed()).isZero();
      assertThat(result.completed()).isPositive();
      assertThat(result.concurrency()).isEqualTo(2);
      assertThat(result.p99Ms()).isGreaterThanOrEqualTo(result.p50Ms()).isPositive();
      assertThat(result.perSecond()).isPositive();
      // Every start hands its first workflow task straight back to this process's worker.
      assertThat(result.eager()).isEqualTo(result.completed());
    }
  }

  @Test
  void the_test_servers_lock_events_are_searched_from_the_newest() throws Exception {
    TestServicesStarter services = new TestServicesStarter(true, 0);
    try {
      TimerLockEvents.searchFromNewest(services);

      // If a Temporal upgrade renames these fields, the swap is silently skipped: this says so.
      Object timer = read(TestServicesStarter.class, "selfAdvancingTimer", services);
      Object events = read(timer.getClass(), "lockEvents", timer);
      assertThat(events).isInstanceOf(TimerLockEvents.NewestFirst.class);
      // The lock the server takes at start (time skipping locked off) is still there.
      assertThat((LinkedList<?>) events).isNotEmpty();
    } finally {
      services.close();
    }
  }

  @Test
  void newest_first_removes_the_same_element_a_linked_list_would() {
    Object older = new Object();
    Object newer = new Object();
    var events = new TimerLockEvents.NewestFirst<>(new LinkedList<>());
    events.add(older);
    events.add(newer);

    assertThat(events.remove(older)).isTrue();
    assertThat(events.remove(older)).isFalse();
    assertThat(events).containsExactly(newer);
  }

  private static Object read(Class<?> owner, String name, Object from) throws Exception {
    Field field = owner.getDeclaredField(name);
    field.setAccessible(true);
    return field.get(from);
  }
}
