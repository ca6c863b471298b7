package dev.coracle.activities.providers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import dev.coracle.fakes.FakeUpstreamServer;
import dev.coracle.workflows.chat.ChatErrorType;
import dev.coracle.workflows.chat.ChatMessage;
import dev.coracle.workflows.chat.SamplingParams;
import dev.coracle.workflows.chat.Usage;
import dev.coracle.workflows.model.ModelAnswer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every provider adapter must do, checked over real HTTP against a fake upstream speaking the
 * provider's wire format (in the spirit of langchain4j's {@code AbstractChatModelIT}).
 */
abstract class ModelInvokerContract {

  /** The sampling parameters as they arrived at the upstream, in the provider's own fields. */
  record SentParams(
      Integer maxTokens, Double temperature, Double topP, List<String> stop, Integer seed) {}

  protected static final List<ChatMessage> HELLO =
      List.of(new ChatMessage("system", "be brief"), new ChatMessage("user", "hello world"));

  protected FakeUpstreamServer<?> server;
  protected final ModelInvoker invoker = new ModelInvoker();

  protected abstract FakeUpstreamServer<?> startServer();

  protected abstract ProviderKind kind();

  /** The path the adapter posts chats to, e.g. {@code /api/chat}. */
  protected abstract String chatPath();

  protected abstract SentParams sentParams(JsonNode body);

  protected ProviderEndpoint endpoint(Duration timeout) {
    return new ProviderEndpoint("fake", kind(), server.baseUrl(), "sk-test", timeout);
  }

  protected ProviderEndpoint endpoint() {
    return endpoint(Duration.ofSeconds(10));
  }

  @BeforeEach
  void startFake() {
    server = startServer();
  }

  @AfterEach
  void stopFake() {
    server.close();
  }

  @Test
  void plain_call_returns_the_answer_and_the_usage() {
    ModelAnswer answer = invoker.invoke(endpoint(), "echo", HELLO, SamplingParams.defaults(), null);

    assertThat(answer.content()).isEqualTo("echo: hello world");
    assertThat(answer.finishReason()).isEqualTo("stop");
    // The fake counts one token a word: 2 + 2 words in, 3 words out.
    assertThat(answer.usage()).isEqualTo(new Usage(4, 3));
    assertThat(answer.modelMillis()).isNotNegative();
  }

  @Test
  void roles_arrive_at_the_upstream_in_order() {
    List<ChatMessage> conversation =
        List.of(
            new ChatMessage("system", "be brief"),
            new ChatMessage("user", "hi"),
            new ChatMessage("assistant", "hello"),
            new ChatMessage("user", "again"));

    ModelAnswer answer = invoker.invoke(endpoint(), "echo", conversation, null, null);

    assertThat(answer.content()).isEqualTo("echo: again");
    JsonNode messages = lastChat().path("messages");
    List<String> roles = new ArrayList<>();
    messages.forEach(m -> roles.add(m.path("role").asText() + ":" + m.path("content").asText()));
    assertThat(roles)
        .containsExactly("system:be brief", "user:hi", "assistant:hello", "user:again");
  }

  @Test
  void developer_role_is_sent_as_system_and_blank_system_messages_are_dropped() {
    List<ChatMessage> conversation =
        List.of(
            new ChatMessage("system", " "),
            new ChatMessage("developer", "be brief"),
            new ChatMessage("user", "hi"));

    invoker.invoke(endpoint(), "echo", conversation, null, null);

    JsonNode messages = lastChat().path("messages");
    assertThat(messages).hasSize(2);
    assertThat(messages.get(0).path("role").asText()).isEqualTo("system");
  }

  @Test
  void unsupported_role_is_refused_before_calling_the_upstream() {
    List<ChatMessage> conversation = List.of(new ChatMessage("tool", "42"));

    assertThatThrownBy(() -> invoker.invoke(endpoint(), "echo", conversation, null, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'tool'");
    assertThat(server.requests()).isEmpty();
  }

  @Test
  void streamed_answer_arrives_as_several_ordered_tokens() {
    List<String> tokens = new CopyOnWriteArrayList<>();

    ModelAnswer answer =
        invoker.invoke(endpoint(), "echo", HELLO, SamplingParams.defaults(), tokens::add);

    assertThat(tokens).hasSizeGreaterThanOrEqualTo(3);
    assertThat(String.join("", tokens)).isEqualTo(answer.content()).isEqualTo("echo: hello world");
    assertThat(answer.finishReason()).isEqualTo("stop");
    assertThat(answer.usage()).isEqualTo(new Usage(4, 3));
  }

  @Test
  void sampling_params_reach_the_upstream() {
    SamplingParams params = new SamplingParams(5, 0.2, 0.9, List.of("world"), 42);

    ModelAnswer answer = invoker.invoke(endpoint(), "echo", HELLO, params, null);

    assertThat(sentParams(lastChat())).isEqualTo(new SentParams(5, 0.2, 0.9, List.of("world"), 42));
    assertThat(answer.content()).isEqualTo("echo: hello");
  }

  @Test
  void streamed_call_passes_the_same_params() {
    SamplingParams params = new SamplingParams(7, 0.0, 0.5, List.of("END", "STOP"), 7);

    invoker.invoke(endpoint(), "echo", HELLO, params, token -> {});

    assertThat(sentParams(lastChat()))
        .isEqualTo(new SentParams(7, 0.0, 0.5, List.of("END", "STOP"), 7));
  }

  @Test
  void answer_cut_by_max_tokens_finishes_with_length() {
    SamplingParams params = new SamplingParams(2, null, null, List.of(), null);
    List<ChatMessage> longer = List.of(new ChatMessage("user", "one two three four"));

    ModelAnswer plain = invoker.invoke(endpoint(), "echo", longer, params, null);
    ModelAnswer streamed = invoker.invoke(endpoint(), "echo", longer, params, token -> {});

    assertThat(plain.content()).isEqualTo("echo: one");
    assertThat(plain.finishReason()).isEqualTo("length");
    assertThat(streamed.content()).isEqualTo("echo: one");
    assertThat(streamed.finishReason()).isEqualTo("length");
  }

  @Test
  void server_error_is_reported_as_unavailable_and_not_retried() {
    ProviderException plain = failure("fail-500", null);
    ProviderException streamed = failure("fail-500", token -> {});

    assertThat(plain.type()).isEqualTo(ChatErrorType.UPSTREAM_UNAVAILABLE);
    assertThat(plain.httpStatus()).isEqualTo(500);
    assertThat(plain.getMessage()).startsWith("fake/fail-500: HTTP 500 server error: ");
    assertThat(streamed.type()).isEqualTo(ChatErrorType.UPSTREAM_UNAVAILABLE);
    assertThat(server.requests(chatPath())).hasSize(2);
  }

  @Test
  void rate_limited_upstream_is_reported_as_rate_limited() {
    ProviderException plain = failure("rate-limited", null);
    ProviderException streamed = failure("rate-limited", token -> {});

    assertThat(plain.type()).isEqualTo(ChatErrorType.UPSTREAM_RATE_LIMITED);
    assertThat(plain.getMessage()).startsWith("fake/rate-limited: HTTP 429 rate limited: ");
    assertThat(streamed.type()).isEqualTo(ChatErrorType.UPSTREAM_RATE_LIMITED);
    assertThat(server.requests(chatPath())).hasSize(2);
  }

  @Test
  void refused_credentials_are_reported_as_auth_failure() {
    ProviderException plain = failure("unauthorized", null);

    assertThat(plain.type()).isEqualTo(ChatErrorType.UPSTREAM_AUTH);
    assertThat(plain.getMessage()).startsWith("fake/unauthorized: HTTP 401 unauthorized: ");
    assertThat(failure("unauthorized", token -> {}).type()).isEqualTo(ChatErrorType.UPSTREAM_AUTH);
  }

  @Test
  void unknown_model_is_reported_as_rejected() {
    ProviderException plain = failure("missing", null);

    assertThat(plain.type()).isEqualTo(ChatErrorType.UPSTREAM_REJECTED);
    assertThat(plain.httpStatus()).isEqualTo(404);
    assertThat(plain.getMessage())
        .startsWith("fake/missing: HTTP 404 not found: ")
        .contains("missing");
    assertThat(failure("missing", token -> {}).type()).isEqualTo(ChatErrorType.UPSTREAM_REJECTED);
  }

  @Test
  void refused_connection_is_reported_as_unavailable() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }
    String baseUrl = server.baseUrl().replace(":" + server.port(), ":" + closedPort);
    ProviderEndpoint nowhere =
        new ProviderEndpoint("fake", kind(), baseUrl, "", Duration.ofSeconds(5));

    for (TokenSink sink : new TokenSink[] {null, token -> {}}) {
      ProviderException error =
          catchThrowableOfType(
              () -> invoker.invoke(nowhere, "echo", HELLO, null, sink), ProviderException.class);
      assertThat(error.type()).isEqualTo(ChatErrorType.UPSTREAM_UNAVAILABLE);
      assertThat(error.getMessage())
          .isEqualTo("fake/echo: cannot connect to " + baseUrl + " (connection refused)");
    }
  }

  @Test
  void upstream_slower_than_the_timeout_is_reported_as_unavailable() {
    ProviderEndpoint impatient = endpoint(Duration.ofMillis(100));

    for (TokenSink sink : new TokenSink[] {null, token -> {}}) {
      ProviderException error =
          catchThrowableOfType(
              () -> invoker.invoke(impatient, "slow", HELLO, null, sink), ProviderException.class);
      assertThat(error.type()).isEqualTo(ChatErrorType.UPSTREAM_UNAVAILABLE);
      assertThat(error.getMessage()).startsWith("fake/slow: no response within");
    }
    assertThat(server.requests(chatPath())).hasSize(2);
  }

  @Test
  void stream_broken_after_tokens_is_reported_as_stream_broken() {
    List<String> tokens = new CopyOnWriteArrayList<>();
    List<ChatMessage> longer = List.of(new ChatMessage("user", "one two three four"));

    ProviderException error =
        catchThrowableOfType(
            () -> invoker.invoke(endpoint(), "broken-stream", longer, null, tokens::add),
            ProviderException.class);

    assertThat(tokens).containsExactly("echo:", " one");
    assertThat(error.type()).isEqualTo(ChatErrorType.STREAM_BROKEN);
    assertThat(error.getMessage())
        .startsWith("fake/broken-stream: stream broke after tokens were sent");
  }

  @Test
  void slow_model_streams_in_order_over_time() {
    List<String> tokens = new CopyOnWriteArrayList<>();

    ModelAnswer answer = invoker.invoke(endpoint(), "slow", HELLO, null, tokens::add);

    assertThat(tokens).containsExactly("echo:", " hello", " world");
    assertThat(answer.modelMillis()).isGreaterThanOrEqualTo(300);
  }

  @Test
  void concurrent_calls_overlap_at_the_upstream() throws Exception {
    server.setGenerationDelay(Duration.ofMillis(500));
    ExecutorService pool = Executors.newFixedThreadPool(3);
    try {
      List<Future<ModelAnswer>> calls = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        calls.add(pool.submit(() -> invoker.invoke(endpoint(), "echo", HELLO, null, null)));
      }
      for (Future<ModelAnswer> call : calls) {
        assertThat(call.get().content()).isEqualTo("echo: hello world");
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(server.maxConcurrent()).isEqualTo(3);
  }

  @Test
  void exception_from_the_sink_reaches_the_caller() {
    TokenSink closedClient =
        token -> {
          throw new IllegalStateException("client went away");
        };

    assertThatThrownBy(() -> invoker.invoke(endpoint(), "echo", HELLO, null, closedClient))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("client went away");
  }

  protected ProviderException failure(String model, TokenSink sink) {
    return catchThrowableOfType(
        () -> invoker.invoke(endpoint(), model, HELLO, SamplingParams.defaults(), sink),
        ProviderException.class);
  }

  protected JsonNode lastChat() {
    List<dev.coracle.fakes.RecordedRequest> chats = server.requests(chatPath());
    assertThat(chats).isNotEmpty();
    return chats.get(chats.size() - 1).body();
  }

  protected static List<String> strings(JsonNode array) {
    List<String> values = new ArrayList<>();
    array.forEach(v -> values.add(v.asText()));
    return values;
  }

  protected static Integer intOrNull(JsonNode node) {
    return node.isNumber() ? node.asInt() : null;
  }

  protected static Double doubleOrNull(JsonNode node) {
    return node.isNumber() ? node.asDouble() : null;
  }
}
