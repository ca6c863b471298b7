package dev.coracle.activities.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.coracle.activities.store.MutableClock;
import dev.coracle.activities.streaming.StreamListener;
import dev.coracle.activities.streaming.TokenHub;
import dev.coracle.activities.workspace.TestWorkspaces;
import dev.coracle.fakes.FakeOpenAiServer;
import dev.coracle.workflows.chat.ChatErrorType;
import dev.coracle.workflows.chat.ChatMessage;
import dev.coracle.workflows.chat.SamplingParams;
import dev.coracle.workflows.model.ModelActivities;
import dev.coracle.workflows.model.ModelCall;
import dev.coracle.workflows.model.ModelTarget;
import io.micronaut.context.ApplicationContext;
import io.temporal.activity.ActivityOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestActivityEnvironment;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The model activity run as Temporal runs it: it heartbeats with what the client got, a broken
 * stream fails for good with the partial answer in its details, an upstream that was too slow is
 * not asked again, and an attempt after one whose tokens reached the client refuses to start over.
 */
class StreamedModelCallTest {
  private static final String KEY = "chat-honest";
  private static final List<ChatMessage> LONG =
      List.of(new ChatMessage("user", "one two three four five six"));

  @TempDir Path dir;
  private FakeOpenAiServer cloud;
  private ApplicationContext context;
  private TestActivityEnvironment temporal;
  private ModelActivities models;
  private final List<String> clientSaw = new CopyOnWriteArrayList<>();
  private final List<CallPulse.Progress> heartbeats = new CopyOnWriteArrayList<>();
  private AutoCloseable subscription;

  @BeforeEach
  void setUp() throws IOException {
    cloud = new FakeOpenAiServer().start();
    String yaml =
        """
        local:
          ollama:
            enabled: false
        providers:
          - name: cloudy
            kind: openai-compatible
            base-url: "%s"
            api-key: "${CLOUDY_API_KEY:test-key}"
            idle-timeout-seconds: 1
            models: ["stall-after-3", "stall-at-start", "eof-no-done", "echo"]
        """
            .formatted(cloud.baseUrl());
    context =
        TestWorkspaces.start(
            dir.resolve("coracle.db"),
            new MutableClock(Instant.parse("2026-12-04T12:00:00Z")),
            TestWorkspaces.config(dir.resolve("home"), yaml));
    subscription = context.getBean(TokenHub.class).subscribe(KEY, new ClientStream());
    temporal = TestActivityEnvironment.newInstance();
    temporal.registerActivitiesImplementations(context.getBean(ModelActivitiesImpl.class));
    temporal.setActivityHeartbeatListener(CallPulse.Progress.class, heartbeats::add);
    models =
        temporal.newActivityStub(
            ModelActivities.class,
            ActivityOptions.newBuilder()
                .setStartToCloseTimeout(Duration.ofMinutes(1))
                // Short, so the SDK sends heartbeats often enough for the listener to see them.
                .setHeartbeatTimeout(Duration.ofMillis(600))
                .build());
  }

  @AfterEach
  void tearDown() throws Exception {
    subscription.close();
    temporal.close();
    context.close();
    cloud.close();
  }

  @Test
  void stalled_stream_fails_for_good_with_the_partial_answer_and_heartbeats_carry_it() {
    ApplicationFailure failure = failure("stall-after-3");

    assertThat(String.join("", clientSaw)).isEqualTo("echo: one two");
    assertThat(failure.getType()).isEqualTo(ChatErrorType.STREAM_BROKEN.name());
    assertThat(failure.isNonRetryable()).isTrue();
    assertThat(failure.getOriginalMessage())
        .contains("idle timeout")
        .endsWith("(the client got 3 pieces, 13 characters of text)");
    assertThat(failure.getDetails().get(String.class)).isEqualTo("echo: one two");
    assertThat(heartbeats).contains(new CallPulse.Progress(3, "echo: one two"));
    assertThat(cloud.requests("/v1/chat/completions")).hasSize(1);
  }

  @Test
  void stream_that_ends_without_done_fails_for_good_with_the_partial_answer() {
    ApplicationFailure failure = failure("eof-no-done");

    assertThat(failure.getType()).isEqualTo(ChatErrorType.STREAM_BROKEN.name());
    assertThat(failure.isNonRetryable()).isTrue();
    assertThat(failure.getOriginalMessage())
        .contains("the upstream closed the stream without data: [DONE]");
    assertThat(failure.getDetails().get(String.class)).isEqualTo("echo: one two");
  }

  @Test
  void upstream_silent_before_the_first_token_is_not_asked_again() {
    ApplicationFailure failure = failure("stall-at-start");

    assertThat(clientSaw).isEmpty();
    assertThat(failure.getType()).isEqualTo(ChatErrorType.UPSTREAM_UNAVAILABLE.name());
    assertThat(failure.isNonRetryable()).as("a timed-out call falls back at once").isTrue();
  }

  @Test
  void attempt_after_one_whose_tokens_reached_the_client_refuses_to_start_over() {
    temporal.setHeartbeatDetails(new CallPulse.Progress(3, "echo: one two"));

    ApplicationFailure failure = failure("echo");

    assertThat(failure.getType()).isEqualTo(ChatErrorType.STREAM_BROKEN.name());
    assertThat(failure.isNonRetryable()).isTrue();
    assertThat(failure.getDetails().get(String.class)).isEqualTo("echo: one two");
    assertThat(cloud.requests("/v1/chat/completions")).as("never asked again").isEmpty();
    assertThat(clientSaw).isEmpty();
  }

  private ApplicationFailure failure(String model) {
    ModelCall call =
        new ModelCall(
            new ModelTarget("cloudy", model, false, 1),
            LONG,
            SamplingParams.defaults(),
            KEY,
            "chat-honest",
            "fast");
    ActivityFailure failure = catchThrowableOfType(() -> models.call(call), ActivityFailure.class);
    assertThat(failure).as("the call must fail").isNotNull();
    return (ApplicationFailure) failure.getCause();
  }

  /** What the client's stream received. */
  private final class ClientStream implements StreamListener {
    @Override
    public void onStart(String provider, String model, String requestClass) {}

    @Override
    public void onToken(String text) {
      clientSaw.add(text);
    }
  }
}
