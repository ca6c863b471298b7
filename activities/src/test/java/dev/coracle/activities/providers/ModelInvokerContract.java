package dev.coracle.activities.providers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.coracle.fakes.FakeUpstreamServer;
import dev.coracle.fakes.RecordedRequest;
import dev.coracle.workflows.chat.AgentTools;
import dev.coracle.workflows.chat.ChatErrorType;
import dev.coracle.workflows.chat.ChatMessage;
import dev.coracle.workflows.chat.SamplingParams;
import dev.coracle.workflows.chat.ToolCall;
import dev.coracle.workflows.chat.ToolDefinition;
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

  /** A coding agent's tool with the schema features that typed schemas would lose. */
  protected static final String SEARCH_SCHEMA =
      """
      {"type":"object",
       "properties":{
         "query":{"type":"string","description":"the search terms","minLength":1},
         "filters":{"type":"object","description":"narrows the search",
           "properties":{
             "language":{"type":"string","enum":["java","go","rust"]},
             "paths":{"type":"array","items":{"type":"string","format":"uri-reference"}},
             "limit":{"type":"integer","minimum":1,"default":10},
             "since":{"anyOf":[{"type":"string"},{"type":"null"}]}},
           "required":["language"],
           "additionalProperties":false}},
       "required":["query"]}
      """;

  protected static final ToolDefinition SEARCH =
      new ToolDefinition("search_code", "Searches the repository", SEARCH_SCHEMA, null);
  protected static final ToolDefinition READ =
      new ToolDefinition(
          "read_file",
          "Reads a file",
          "{\"type\":\"object\",\"properties\":{\"path\":{\"type\":\"string\"}},\"required\":[\"path\"]}",
          null);
  protected static final AgentTools TOOLS = new AgentTools(List.of(SEARCH, READ), null, null);

  /** Turns after the model asked to search: its call, and the result the agent sends back. */
  protected static final List<ChatMessage> AFTER_SEARCH =
      List.of(
          new ChatMessage("user", "find foo"),
          new ChatMessage(
              "assistant",
              null,
              List.of(new ToolCall("call_abc", "search_code", "{\"query\":\"foo\"}")),
              null,
              null),
          new ChatMessage("tool", "3 matches", null, "call_abc", null));

  protected static final ObjectMapper JSON = new ObjectMapper();

  protected FakeUpstreamServer<?> server;
  protected final ModelInvoker invoker = new ModelInvoker();

  protected abstract FakeUpstreamServer<?> startServer();

  protected abstract ProviderKind kind();

  /** The path the adapter posts chats to, e.g. {@code /api/chat}. */
  protected abstract String chatPath();

  /** Every chat request the fake received, plain and streamed, in arrival order. */
  protected List<RecordedRequest> chats() {
    return server.requests(chatPath());
  }

  /** The conversation as it arrived, in OpenAI's message shape (Ollama's is the same). */
  protected JsonNode sentMessages(JsonNode body) {
    return body.path("messages");
  }

  protected abstract SentParams sentParams(JsonNode body);

  /** A tool call of an assistant message as it arrived, arguments as JSON text. */
  protected abstract ToolCall sentToolCall(JsonNode wireCall);

  /** The id a {@code tool} message names its call by on the wire, or null if the wire has none. */
  protected abstract String sentToolCallId(JsonNode toolMessage);

  /**
   * The response format as it arrived: OpenAI's {@code response_format}, Ollama's {@code format}.
   */
  protected abstract JsonNode sentFormat(JsonNode body);

  /** What {@link #sentFormat} must be for the client's {@code response_format}. */
  protected abstract JsonNode expectedFormat(JsonNode responseFormat);

  /** How many pieces the fake's streamed tool call reaches the sink in. */
  protected abstract int streamedToolCallPieces();

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
  void calls_over_plain_http_do_not_ask_to_upgrade_the_protocol() {
    invoker.invoke(endpoint(), "echo", HELLO, SamplingParams.defaults(), null);
    invoker.invoke(endpoint(), "echo", HELLO, SamplingParams.defaults(), token -> {});

    // The JDK client's default (HTTP/2) would ask on every request; no model server here upgrades.
    assertThat(server.requests()).hasSize(2);
    assertThat(server.requests())
        .allSatisfy(request -> assertThat(request.header("upgrade")).isNull());
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
    JsonNode messages = sentMessages(lastChat());
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

    JsonNode messages = sentMessages(lastChat());
    assertThat(messages).hasSize(2);
    assertThat(messages.get(0).path("role").asText()).isEqualTo("system");
  }

  @Test
  void unsupported_role_is_refused_before_calling_the_upstream() {
    List<ChatMessage> conversation = List.of(new ChatMessage("function", "42"));
    List<ChatMessage> orphanResult = List.of(new ChatMessage("tool", "42"));

    assertThatThrownBy(() -> invoker.invoke(endpoint(), "echo", conversation, null, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'function'");
    assertThatThrownBy(() -> invoker.invoke(endpoint(), "echo", orphanResult, null, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("tool_call_id");
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
    assertThat(chats()).hasSize(2);
  }

  @Test
  void rate_limited_upstream_is_reported_as_rate_limited() {
    ProviderException plain = failure("rate-limited", null);
    ProviderException streamed = failure("rate-limited", token -> {});

    assertThat(plain.type()).isEqualTo(ChatErrorType.UPSTREAM_RATE_LIMITED);
    assertThat(plain.getMessage()).startsWith("fake/rate-limited: HTTP 429 rate limited: ");
    assertThat(streamed.type()).isEqualTo(ChatErrorType.UPSTREAM_RATE_LIMITED);
    assertThat(chats()).hasSize(2);
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
    // Both requests were sent: the timeout is on the answer. On a loaded machine the fake may
    // record the second one only after the client has given up on it, so wait for it a while.
    assertThat(chatsWithin(2, Duration.ofSeconds(5))).hasSize(2);
  }

  /** The chat requests the fake has recorded, once there are {@code count} or time is up. */
  private List<RecordedRequest> chatsWithin(int count, Duration patience) {
    long deadline = System.nanoTime() + patience.toNanos();
    List<RecordedRequest> seen = chats();
    while (seen.size() < count && System.nanoTime() < deadline) {
      try {
        Thread.sleep(10);
      } catch (InterruptedException interrupted) {
        Thread.currentThread().interrupt();
        break;
      }
      seen = chats();
    }
    return seen;
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

  @Test
  void tools_reach_the_upstream_with_their_schema_intact() throws Exception {
    invoker.invoke(endpoint(), "echo", HELLO, null, TOOLS, null);

    JsonNode tools = lastChat().path("tools");
    JsonNode expected = JSON.readTree(SEARCH_SCHEMA);
    assertThat(tools).hasSize(2);
    JsonNode search = tools.get(0);
    assertThat(search.path("type").asText()).isEqualTo("function");
    assertThat(search.path("function").path("name").asText()).isEqualTo("search_code");
    assertThat(search.path("function").path("description").asText())
        .isEqualTo("Searches the repository");
    JsonNode parameters = search.path("function").path("parameters");
    assertThat(parameters.path("type").asText()).isEqualTo("object");
    assertThat(parameters.path("properties")).isEqualTo(expected.path("properties"));
    assertThat(parameters.path("required")).isEqualTo(expected.path("required"));
    assertThat(tools.get(1).path("function").path("name").asText()).isEqualTo("read_file");
  }

  @Test
  void tool_call_comes_back_with_id_name_and_json_arguments() throws Exception {
    ModelAnswer answer = invoker.invoke(endpoint(), "echo", HELLO, null, TOOLS, null);

    assertThat(answer.finishReason()).isEqualTo("tool_calls");
    assertThat(answer.toolCalls()).hasSize(1);
    ToolCall call = answer.toolCalls().get(0);
    assertThat(call.id()).matches("call_\\w+");
    assertThat(call.name()).isEqualTo("search_code");
    assertThat(JSON.readTree(call.arguments()))
        .isEqualTo(JSON.readTree("{\"query\":\"hello world\"}"));
  }

  @Test
  void streamed_tool_call_arrives_in_ordered_pieces_that_add_up_to_the_arguments() {
    record Piece(int index, String id, String name, String arguments) {}
    List<Piece> pieces = new CopyOnWriteArrayList<>();
    List<String> tokens = new CopyOnWriteArrayList<>();
    TokenSink sink =
        new TokenSink() {
          @Override
          public void onToken(String text) {
            tokens.add(text);
          }

          @Override
          public void onToolCall(int index, String id, String name, String arguments) {
            pieces.add(new Piece(index, id, name, arguments));
          }
        };

    ModelAnswer answer = invoker.invoke(endpoint(), "echo", HELLO, null, TOOLS, sink);

    ToolCall call = answer.toolCalls().get(0);
    assertThat(pieces).hasSize(streamedToolCallPieces());
    assertThat(pieces.get(0))
        .isEqualTo(new Piece(0, call.id(), "search_code", pieces.get(0).arguments()));
    assertThat(pieces.subList(1, pieces.size()))
        .allSatisfy(p -> assertThat(p).isEqualTo(new Piece(0, null, null, p.arguments())));
    assertThat(pieces.stream().map(Piece::arguments).reduce("", String::concat))
        .isEqualTo(call.arguments())
        .isEqualTo("{\"query\":\"hello world\"}");
    assertThat(tokens).isEmpty();
    assertThat(answer.finishReason()).isEqualTo("tool_calls");
  }

  @Test
  void tool_result_goes_back_to_the_upstream_and_the_model_answers_from_it() {
    ModelAnswer plain = invoker.invoke(endpoint(), "echo", AFTER_SEARCH, null, TOOLS, null);
    List<String> tokens = new CopyOnWriteArrayList<>();
    ModelAnswer streamed =
        invoker.invoke(endpoint(), "echo", AFTER_SEARCH, null, TOOLS, tokens::add);

    assertThat(plain.content()).isEqualTo("tool said: 3 matches");
    assertThat(plain.finishReason()).isEqualTo("stop");
    assertThat(plain.toolCalls()).isNull();
    assertThat(String.join("", tokens)).isEqualTo(streamed.content()).isEqualTo(plain.content());
    JsonNode messages = sentMessages(lastChat());
    assertThat(messages).hasSize(3);
    assertThat(messages.get(1).path("role").asText()).isEqualTo("assistant");
    assertThat(messages.get(1).path("tool_calls")).hasSize(1);
    assertThat(sentToolCall(messages.get(1).path("tool_calls").get(0)))
        .isEqualTo(new ToolCall("call_abc", "search_code", "{\"query\":\"foo\"}"));
    assertThat(messages.get(2).path("role").asText()).isEqualTo("tool");
    assertThat(messages.get(2).path("content").asText()).isEqualTo("3 matches");
    String id = sentToolCallId(messages.get(2));
    assertThat(id == null || id.equals("call_abc")).as("tool_call_id %s", id).isTrue();
  }

  @Test
  void tool_choice_naming_an_unknown_function_is_refused_before_calling_the_upstream() {
    String choice = "{\"type\":\"function\",\"function\":{\"name\":\"rm_rf\"}}";
    AgentTools tools = new AgentTools(List.of(SEARCH), choice, null);

    assertThatThrownBy(() -> invoker.invoke(endpoint(), "echo", HELLO, null, tools, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'rm_rf'");
    assertThat(server.requests()).isEmpty();
  }

  @Test
  void json_object_response_format_reaches_the_upstream_and_the_answer_is_json() throws Exception {
    String format = "{\"type\":\"json_object\"}";

    ModelAnswer plain = invoker.invoke(endpoint(), "echo", HELLO, json(format), null);
    assertThat(sentFormat(lastChat())).isEqualTo(expectedFormat(JSON.readTree(format)));
    ModelAnswer streamed = invoker.invoke(endpoint(), "echo", HELLO, json(format), token -> {});
    assertThat(sentFormat(lastChat())).isEqualTo(expectedFormat(JSON.readTree(format)));

    JsonNode expected = JSON.readTree("{\"answer\":\"hello world\"}");
    assertThat(JSON.readTree(plain.content())).isEqualTo(expected);
    assertThat(JSON.readTree(streamed.content())).isEqualTo(expected);
  }

  @Test
  void json_schema_response_format_reaches_the_upstream_and_the_answer_is_json() throws Exception {
    String format =
        """
        {"type":"json_schema",
         "json_schema":{"name":"answer","strict":true,
           "schema":{"type":"object",
             "properties":{"answer":{"type":"string","minLength":1}},
             "required":["answer"],"additionalProperties":false}}}
        """;

    ModelAnswer answer = invoker.invoke(endpoint(), "echo", HELLO, json(format), null);

    assertThat(sentFormat(lastChat())).isEqualTo(expectedFormat(JSON.readTree(format)));
    assertThat(JSON.readTree(answer.content()).path("answer").asText()).isEqualTo("hello world");
  }

  protected static SamplingParams json(String responseFormat) {
    return new SamplingParams(null, null, null, List.of(), null, responseFormat);
  }

  protected ProviderException failure(String model, TokenSink sink) {
    return catchThrowableOfType(
        () -> invoker.invoke(endpoint(), model, HELLO, SamplingParams.defaults(), sink),
        ProviderException.class);
  }

  protected JsonNode lastChat() {
    List<RecordedRequest> chats = chats();
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
