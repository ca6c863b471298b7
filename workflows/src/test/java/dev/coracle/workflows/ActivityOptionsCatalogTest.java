package dev.coracle.workflows;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coracle.workflows.chat.ChatErrorType;
import dev.coracle.workflows.model.ModelTarget;
import io.temporal.activity.ActivityOptions;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The model call's options must let the call's own timeouts decide: Temporal timing out a stream
 * that reached the client would retry it and splice a second answer into the first.
 */
class ActivityOptionsCatalogTest {

  /** A cloud provider with nothing configured: idle 120 s, total 30 min. */
  private static final ModelTarget DEFAULT_CLOUD = new ModelTarget("groq", "llama", false, 120);

  /** The local Ollama as shipped: idle 300 s, total 30 min. */
  private static final ModelTarget DEFAULT_LOCAL = new ModelTarget("ollama", "qwen", true, 300);

  private static final Duration TEN_MINUTE_STREAM = Duration.ofMinutes(10);

  @Test
  void default_provider_options_allow_a_ten_minute_stream() {
    for (ModelTarget target : new ModelTarget[] {DEFAULT_CLOUD, DEFAULT_LOCAL}) {
      ActivityOptions options = ActivityOptionsCatalog.modelCall(target);

      assertThat(options.getStartToCloseTimeout()).isGreaterThan(TEN_MINUTE_STREAM);
      assertThat(options.getScheduleToCloseTimeout()).isGreaterThan(TEN_MINUTE_STREAM);
      // A steady stream heartbeats with every token and every few seconds while it waits.
      assertThat(options.getHeartbeatTimeout()).isGreaterThanOrEqualTo(Duration.ofSeconds(30));
    }
  }

  @Test
  void temporal_timeouts_fire_only_after_the_calls_own_timeouts() {
    ModelTarget target = new ModelTarget("groq", "llama", false, 60, 900);

    ActivityOptions options = ActivityOptionsCatalog.modelCall(target);

    // The call gives up after 900 s of answer or 60 s of silence, and says why, first.
    assertThat(options.getStartToCloseTimeout()).isGreaterThan(Duration.ofSeconds(900 + 60));
    assertThat(options.getHeartbeatTimeout()).isGreaterThan(Duration.ofSeconds(60));
    assertThat(options.getScheduleToCloseTimeout())
        .isGreaterThanOrEqualTo(
            options.getStartToCloseTimeout().multipliedBy(ActivityOptionsCatalog.MODEL_ATTEMPTS));
  }

  @Test
  void total_timeout_from_an_older_history_defaults_to_half_an_hour() {
    assertThat(DEFAULT_CLOUD.totalSeconds()).isEqualTo(1800);
    assertThat(new ModelTarget("slow", "m", false, 3600).totalSeconds()).isEqualTo(3600);
  }

  @Test
  void a_stream_that_reached_the_client_is_never_retried() {
    ActivityOptions options = ActivityOptionsCatalog.modelCall(DEFAULT_CLOUD);

    assertThat(options.getRetryOptions().getDoNotRetry())
        .contains(ChatErrorType.STREAM_BROKEN.name());
  }

  @Test
  void a_tool_call_has_a_heartbeat_timeout_far_below_its_time_bound() {
    ActivityOptions options = ActivityOptionsCatalog.toolCall();

    assertThat(options.getHeartbeatTimeout()).isEqualTo(Duration.ofSeconds(60));
    assertThat(options.getStartToCloseTimeout()).isGreaterThan(options.getHeartbeatTimeout());
  }
}
