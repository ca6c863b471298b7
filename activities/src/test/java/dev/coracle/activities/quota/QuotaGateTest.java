package dev.coracle.activities.quota;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.coracle.activities.model.QuotaGate;
import dev.coracle.activities.providers.ModelInvoker;
import dev.coracle.activities.providers.ProviderEndpoint;
import dev.coracle.activities.providers.ProviderException;
import dev.coracle.activities.providers.ProviderKind;
import dev.coracle.activities.providers.TokenSink;
import dev.coracle.activities.providers.UpstreamReach;
import dev.coracle.fakes.FakeOpenAiServer;
import dev.coracle.workflows.chat.ChatMessage;
import dev.coracle.workflows.chat.ToolCall;
import dev.coracle.workflows.chat.Usage;
import dev.coracle.workflows.model.ModelAnswer;
import dev.coracle.workflows.model.ModelTarget;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * How the gate settles a failed call over real HTTP. The upstream counts a request once it has
 * accepted it, so a call that times out after that stays in the ledger; only a request that never
 * left (a refused connection) gives its reservation back.
 */
class QuotaGateTest extends LedgerTestBase {

  private static final Duration TIMEOUT = Duration.ofSeconds(1);
  private static final List<ChatMessage> HELLO = List.of(new ChatMessage("user", "hello"));

  private final ModelInvoker invoker = new ModelInvoker();
  private FakeOpenAiServer upstream;
  private QuotaGate gate;

  @BeforeEach
  void startUpstream() {
    upstream = new FakeOpenAiServer().start();
    // The slow model accepts the request, then says nothing for far longer than the timeout.
    upstream.setSlowDelay(TIMEOUT.multipliedBy(5));
    start(
        """
        local:
          ollama:
            enabled: false
        providers:
          - name: fake
            kind: openai-compatible
            base-url: "%s"
            models: ["slow", "fail-500"]
            limits:
              "*": {requests-per-day: 100}
          - name: gone
            kind: openai-compatible
            base-url: "%s"
            models: ["echo"]
            limits:
              "*": {requests-per-day: 100}
        """
            .formatted(upstream.baseUrl(), closedPortUrl()));
    gate = new QuotaGate(ledger);
  }

  @AfterEach
  void stopUpstream() {
    upstream.close();
  }

  @Test
  void a_call_that_times_out_after_the_upstream_accepted_it_stays_counted() {
    ProviderException failure = failedCall("fake", "slow", upstream.baseUrl(), null);

    assertThat(failure.reach()).isEqualTo(UpstreamReach.ACCEPTED);
    assertThat(upstream.requests("/v1/chat/completions")).as("the upstream saw it").hasSize(1);
    assertThat(quota("fake", "slow").callsToday()).as("the ledger counts it").isEqualTo(1);
    assertThat(quota("fake", "slow").tokensToday()).as("the estimate stands").isEqualTo(10);
  }

  @Test
  void a_stream_that_times_out_after_the_upstream_accepted_it_stays_counted() {
    List<String> tokens = new ArrayList<>();
    ProviderException failure = failedCall("fake", "slow", upstream.baseUrl(), tokens::add);

    assertThat(failure.reach()).isEqualTo(UpstreamReach.ACCEPTED);
    assertThat(tokens).as("nothing reached the client").isEmpty();
    assertThat(upstream.requests("/v1/chat/completions")).hasSize(1);
    assertThat(quota("fake", "slow").callsToday()).isEqualTo(1);
  }

  @Test
  void a_refused_connection_gives_the_reservation_back() {
    ProviderException failure = failedCall("gone", "echo", closedPortUrl(), null);

    assertThat(failure.reach()).isEqualTo(UpstreamReach.NOT_SENT);
    assertThat(failure.getMessage()).contains("connection refused");
    assertThat(quota("gone", "echo").callsToday()).isZero();
  }

  @Test
  void a_refused_stream_gives_the_reservation_back() {
    ProviderException failure = failedCall("gone", "echo", closedPortUrl(), token -> {});

    assertThat(failure.reach()).isEqualTo(UpstreamReach.NOT_SENT);
    assertThat(quota("gone", "echo").callsToday()).isZero();
  }

  @Test
  void a_server_error_stays_counted() {
    ProviderException failure = failedCall("fake", "fail-500", upstream.baseUrl(), null);

    assertThat(failure.httpStatus()).isEqualTo(500);
    assertThat(failure.reach()).isEqualTo(UpstreamReach.ACCEPTED);
    assertThat(upstream.requests("/v1/chat/completions")).hasSize(1);
    assertThat(quota("fake", "fail-500").callsToday()).isEqualTo(1);
    assertThat(quota("fake", "fail-500").tokensToday()).as("nothing was generated").isZero();
  }

  @Test
  void an_answer_without_usage_counts_the_prompt_estimate_and_the_text_received() {
    Reservation reservation = gate.reserve(new ModelTarget("fake", "slow", false, 10), 600);
    // 41 characters of text and 8 of a tool call: 49 characters, 13 tokens rounded up.
    ModelAnswer answer =
        new ModelAnswer(
            "a".repeat(41),
            "tool_calls",
            Usage.NONE,
            5,
            List.of(new ToolCall("call_1", "read", "{\"p\":1}")));

    gate.succeeded(reservation, answer, 30);

    ModelQuota quota = quota("fake", "slow");
    assertThat(quota.callsToday()).isEqualTo(1);
    assertThat(quota.tokensToday()).isEqualTo(30 + 13);
    assertThat(quota.promptTokensAllTime()).isEqualTo(30);
    assertThat(quota.completionTokensAllTime()).isEqualTo(13);
  }

  @Test
  void an_answer_with_usage_counts_what_the_upstream_reported() {
    Reservation reservation = gate.reserve(new ModelTarget("fake", "slow", false, 10), 600);

    gate.succeeded(reservation, new ModelAnswer("hello", "stop", new Usage(120, 7), 5), 30);

    assertThat(quota("fake", "slow").tokensToday()).isEqualTo(127);
    assertThat(quota("fake", "slow").completionTokensAllTime()).isEqualTo(7);
  }

  /** One call as the model activity makes it: reserve, call, settle; returns the failure. */
  private ProviderException failedCall(
      String provider, String model, String baseUrl, TokenSink sink) {
    ModelTarget target = new ModelTarget(provider, model, false, 10);
    ProviderEndpoint endpoint =
        new ProviderEndpoint(provider, ProviderKind.OPENAI_COMPATIBLE, baseUrl, "sk-test", TIMEOUT);
    Reservation reservation = gate.reserve(target, 10);
    assertThat(quota(provider, model).callsToday()).as("reserved before the call").isEqualTo(1);
    ProviderException failure =
        catchThrowableOfType(
            () -> invoker.invoke(endpoint, model, HELLO, null, null, sink, null),
            ProviderException.class);
    assertThat(failure).as("the call fails").isNotNull();
    gate.failed(target, reservation, failure);
    return failure;
  }

  /** A loopback port that was free a moment ago and has nothing listening on it now. */
  private static String closedPortUrl() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return "http://127.0.0.1:" + socket.getLocalPort() + "/v1";
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
