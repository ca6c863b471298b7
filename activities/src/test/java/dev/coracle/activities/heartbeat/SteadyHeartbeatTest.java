package dev.coracle.activities.heartbeat;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.testing.TestActivityEnvironment;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A long call inside {@link SteadyHeartbeat} keeps telling Temporal it is alive. */
class SteadyHeartbeatTest {

  @ActivityInterface
  public interface SlowWork {
    String work(long millis);
  }

  static class BeatingWork implements SlowWork {
    @Override
    public String work(long millis) {
      try (SteadyHeartbeat alive = SteadyHeartbeat.start()) {
        Thread.sleep(millis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return "done";
    }
  }

  private final TestActivityEnvironment temporal = TestActivityEnvironment.newInstance();

  @AfterEach
  void close() {
    temporal.close();
  }

  @Test
  void a_call_longer_than_its_heartbeat_timeout_beats_until_it_is_done() {
    AtomicInteger beats = new AtomicInteger();
    temporal.registerActivitiesImplementations(new BeatingWork());
    temporal.setActivityHeartbeatListener(Object.class, details -> beats.incrementAndGet());
    SlowWork stub =
        temporal.newActivityStub(
            SlowWork.class,
            ActivityOptions.newBuilder()
                .setStartToCloseTimeout(Duration.ofSeconds(30))
                .setHeartbeatTimeout(Duration.ofMillis(600))
                .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(1).build())
                .build());

    assertThat(stub.work(1500)).isEqualTo("done");
    // A beat every 200 ms (a third of the timeout) over 1.5 s: several, whatever the load.
    assertThat(beats.get()).isGreaterThanOrEqualTo(3);
  }

  @Test
  void outside_an_activity_it_does_nothing() {
    try (SteadyHeartbeat alive = SteadyHeartbeat.start()) {
      assertThat(alive).isNotNull();
    }
  }

  @Test
  void the_tick_is_a_third_of_the_timeout_and_at_most_five_seconds() {
    assertThat(SteadyHeartbeat.tickFor(Duration.ofSeconds(60))).isEqualTo(Duration.ofSeconds(5));
    assertThat(SteadyHeartbeat.tickFor(Duration.ofMillis(600))).isEqualTo(Duration.ofMillis(200));
    assertThat(SteadyHeartbeat.tickFor(null)).isEqualTo(Duration.ofSeconds(5));
  }
}
