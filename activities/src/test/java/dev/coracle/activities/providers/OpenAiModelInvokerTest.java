package dev.coracle.activities.providers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import dev.coracle.fakes.FakeOpenAiServer;
import dev.coracle.fakes.FakeUpstreamServer;
import dev.coracle.fakes.RecordedRequest;
import dev.coracle.workflows.chat.AgentTools;
import dev.coracle.workflows.chat.ChatErrorType;
import dev.coracle.workflows.chat.ToolCall;
import dev.coracle.workflows.chat.ToolDefinition;
import dev.coracle.workflows.model.ModelAnswer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class OpenAiModelInvokerTest extends ModelInvokerContract {

  @Override
  protected FakeUpstreamServer<?> startServer() {
    return new FakeOpenAiServer().start();
  }

  @Override
  protected ProviderKind kind() {
    return ProviderKind.OPENAI_COMPATIBLE;
  }

  @Override
  protected String chatPath() {
    return "/v1/chat/completions";
  }

  @Override
  protected SentParams sentParams(JsonNode body) {
    return new SentParams(
        intOrNull(body.path("max_tokens")),
        doubleOrNull(body.path("temperature")),
        doubleOrNull(body.path("top_p")),
        strings(body.path("stop")),
        intOrNull(body.path("seed")));
  }

  @Override
  protected ToolCall sentToolCall(JsonNode wireCall) {
    return new ToolCall(
        wireCall.path("id").asText(),
        wireCall.path("function").path("name").asText(),
        wireCall.path("function").path("arguments").asText());
  }

  @Override
  protected String sentToolCallId(JsonNode toolMessage) {
    return toolMessage.path("tool_call_id").asText(null);
  }

  @Override
  protected JsonNode sentFormat(JsonNode body) {
    return body.path("response_format");
  }

  /** OpenAI's own wire format: the client's object arrives as it was sent. */
  @Override
  protected JsonNode expectedFormat(JsonNode responseFormat) {
    return responseFormat;
  }

  @Override
  protected int streamedToolCallPieces() {
    return 4;
  }

  @Test
  void tool_parameters_arrive_exactly_as_sent() throws Exception {
    invoker.invoke(endpoint(), "echo", HELLO, null, TOOLS, null);

    assertThat(lastChat().at("/tools/0/function/parameters"))
        .isEqualTo(JSON.readTree(SEARCH_SCHEMA));
    assertThat(lastChat().at("/tools/0/function").has("strict")).isFalse();
  }

  @Test
  void upstream_tool_call_ids_are_kept() {
    ModelAnswer plain = invoker.invoke(endpoint(), "echo", HELLO, null, TOOLS, null);
    List<String> ids = new CopyOnWriteArrayList<>();
    ModelAnswer streamed = invoker.invoke(endpoint(), "echo", HELLO, null, TOOLS, toolIds(ids));

    assertThat(plain.toolCalls().get(0).id()).isEqualTo("call_fake1");
    assertThat(streamed.toolCalls().get(0).id()).isEqualTo("call_fake2");
    assertThat(ids).containsExactly("call_fake2");
  }

  @Test
  void tool_choice_and_parallel_tool_calls_reach_the_upstream() throws Exception {
    String named = "{\"type\":\"function\",\"function\":{\"name\":\"read_file\"}}";

    invoker.invoke(endpoint(), "echo", HELLO, null, choice("\"required\"", false), null);
    JsonNode required = lastChat();
    ModelAnswer forced = invoker.invoke(endpoint(), "echo", HELLO, null, choice(named, null), null);
    JsonNode namedBody = lastChat();
    ModelAnswer none = invoker.invoke(endpoint(), "echo", HELLO, null, choice("none", true), null);
    JsonNode noneBody = lastChat();

    assertThat(required.path("tool_choice").asText()).isEqualTo("required");
    assertThat(required.path("parallel_tool_calls").asBoolean(true)).isFalse();
    assertThat(namedBody.path("tool_choice")).isEqualTo(JSON.readTree(named));
    assertThat(namedBody.path("tools")).as("every tool stays visible").hasSize(2);
    assertThat(namedBody.has("parallel_tool_calls")).isFalse();
    assertThat(forced.toolCalls().get(0).name()).isEqualTo("read_file");
    assertThat(noneBody.path("tool_choice").asText()).isEqualTo("none");
    assertThat(noneBody.path("parallel_tool_calls").asBoolean()).isTrue();
    assertThat(none.content()).isEqualTo("echo: hello world");
    assertThat(none.toolCalls()).isNull();
  }

  @Test
  void strict_tool_is_sent_strict() {
    ToolDefinition strict =
        new ToolDefinition(
            "read_file",
            "Reads a file",
            "{\"type\":\"object\",\"properties\":{\"path\":{\"type\":\"string\"}},"
                + "\"required\":[\"path\"],\"additionalProperties\":false}",
            true);

    invoker.invoke(
        endpoint(), "echo", HELLO, null, new AgentTools(List.of(strict), null, null), null);

    JsonNode function = lastChat().at("/tools/0/function");
    assertThat(function.path("strict").asBoolean()).isTrue();
    assertThat(function.at("/parameters/additionalProperties").asBoolean(true)).isFalse();
    assertThat(strings(function.at("/parameters/required"))).containsExactly("path");
  }

  @Test
  void schema_definitions_travel_as_defs_with_matching_refs() throws Exception {
    String schema =
        """
        {"type":"object",
         "properties":{"edits":{"type":"array","items":{"$ref":"#/definitions/Edit"}}},
         "definitions":{"Edit":{"type":"object",
           "properties":{"line":{"type":"integer"},"text":{"type":"string"}}}}}
        """;
    AgentTools tools =
        new AgentTools(List.of(new ToolDefinition("edit", "Edits", schema, null)), null, null);

    invoker.invoke(endpoint(), "echo", HELLO, null, tools, null);

    JsonNode parameters = lastChat().at("/tools/0/function/parameters");
    assertThat(parameters.at("/properties/edits/items/$ref").asText()).isEqualTo("#/$defs/Edit");
    assertThat(parameters.at("/$defs/Edit"))
        .isEqualTo(JSON.readTree(schema).at("/definitions/Edit"));
  }

  @Test
  void stream_broken_inside_a_tool_call_is_reported_as_stream_broken() {
    List<String> pieces = new CopyOnWriteArrayList<>();
    TokenSink sink =
        new TokenSink() {
          @Override
          public void onToken(String text) {}

          @Override
          public void onToolCall(int index, String id, String name, String arguments) {
            pieces.add(arguments);
          }
        };

    ProviderException error =
        catchThrowableOfType(
            () -> invoker.invoke(endpoint(), "broken-stream", HELLO, null, TOOLS, sink),
            ProviderException.class);

    assertThat(pieces).hasSize(2);
    assertThat(error.type()).isEqualTo(ChatErrorType.STREAM_BROKEN);
  }

  private static AgentTools choice(String toolChoice, Boolean parallel) {
    return new AgentTools(List.of(SEARCH, READ), toolChoice, parallel);
  }

  private static TokenSink toolIds(List<String> ids) {
    return new TokenSink() {
      @Override
      public void onToken(String text) {}

      @Override
      public void onToolCall(int index, String id, String name, String arguments) {
        if (id != null) {
          ids.add(id);
        }
      }
    };
  }

  @Test
  void api_key_is_sent_as_a_bearer_token() {
    invoker.invoke(endpoint(), "echo", HELLO, null, null);

    RecordedRequest request = server.requests(chatPath()).get(0);
    assertThat(request.header("Authorization")).isEqualTo("Bearer sk-test");
    assertThat(request.model()).isEqualTo("echo");
  }

  @Test
  void blank_api_key_sends_no_authorization_header() {
    ProviderEndpoint local =
        new ProviderEndpoint("lmstudio", kind(), server.baseUrl(), "  ", Duration.ofSeconds(5));

    invoker.invoke(local, "echo", HELLO, null, null);

    assertThat(server.requests(chatPath()).get(0).header("Authorization")).isNull();
  }

  @Test
  void streamed_call_asks_for_usage_and_plain_call_does_not_stream() {
    invoker.invoke(endpoint(), "echo", HELLO, null, null);
    invoker.invoke(endpoint(), "echo", HELLO, null, token -> {});

    JsonNode plain = server.requests(chatPath()).get(0).body();
    JsonNode streamed = server.requests(chatPath()).get(1).body();
    assertThat(plain.path("stream").asBoolean(false)).isFalse();
    assertThat(streamed.path("stream").asBoolean()).isTrue();
    assertThat(streamed.path("stream_options").path("include_usage").asBoolean()).isTrue();
  }

  @Test
  void rate_limit_headers_of_a_429_arrive_in_the_exception_and_the_callback() {
    for (TokenSink sink : new TokenSink[] {null, token -> {}}) {
      List<RateLimitInfo> heard = new CopyOnWriteArrayList<>();
      Instant before = Instant.now();

      ProviderException error =
          catchThrowableOfType(
              () -> invoker.invoke(endpoint(), "rate-limited", HELLO, null, null, sink, heard::add),
              ProviderException.class);

      assertThat(error.type()).isEqualTo(ChatErrorType.UPSTREAM_RATE_LIMITED);
      RateLimitInfo info = error.rateLimit();
      assertThat(info.retryAfter()).isEqualTo(Duration.ofSeconds(7));
      assertThat(info.limitRequests()).isEqualTo(30);
      assertThat(info.remainingRequests()).isZero();
      assertThat(info.limitTokens()).isEqualTo(6000);
      assertThat(info.remainingTokens()).isZero();
      assertThat(info.resetRequestsAt())
          .isBetween(before.plusSeconds(7), Instant.now().plusSeconds(7));
      assertThat(info.resetTokensAt()).isEqualTo(info.resetRequestsAt());
      assertThat(info.scope()).as("plain headers do not name their window").isNull();
      assertThat(heard).containsExactly(info);
    }
  }

  @Test
  void rate_limit_headers_of_every_answer_reach_the_callback() {
    List<RateLimitInfo> heard = new CopyOnWriteArrayList<>();
    Instant before = Instant.now();

    invoker.invoke(endpoint(), "echo", HELLO, null, null, null, heard::add);
    invoker.invoke(endpoint(), "echo", HELLO, null, null, token -> {}, heard::add);

    assertThat(heard).hasSize(2);
    assertThat(heard).extracting(RateLimitInfo::remainingRequests).containsExactly(999, 998);
    RateLimitInfo first = heard.get(0);
    assertThat(first.limitRequests()).isEqualTo(1000);
    assertThat(first.limitTokens()).isEqualTo(6000);
    // 4 prompt and 3 completion tokens spent.
    assertThat(first.remainingTokens()).isEqualTo(5993);
    assertThat(first.resetRequestsAt())
        .isBetween(before.plus(Duration.ofMinutes(6)), Instant.now().plus(Duration.ofMinutes(6)));
    assertThat(first.resetTokensAt())
        .isBetween(before.plusMillis(1500), Instant.now().plusMillis(1500));
    assertThat(first.retryAfter()).isNull();
  }

  @Test
  void per_day_window_named_in_the_headers_is_the_scope() {
    ProviderException error = failure("rate-limited-day", null);

    RateLimitInfo info = error.rateLimit();
    assertThat(info.scope()).isEqualTo(RateLimitInfo.Scope.DAY);
    assertThat(info.retryAfter()).isEqualTo(Duration.ofSeconds(33011));
    assertThat(info.limitRequests()).isEqualTo(14400);
    assertThat(info.remainingRequests()).isZero();
    assertThat(info.limitTokens()).isEqualTo(60000);
    assertThat(info.remainingTokens()).isEqualTo(59000);
  }

  @Test
  void failing_callback_does_not_hide_the_upstream_failure() {
    ProviderException error =
        catchThrowableOfType(
            () ->
                invoker.invoke(
                    endpoint(),
                    "rate-limited",
                    HELLO,
                    null,
                    null,
                    null,
                    info -> {
                      throw new IllegalStateException("quota store down");
                    }),
            ProviderException.class);

    assertThat(error.type()).isEqualTo(ChatErrorType.UPSTREAM_RATE_LIMITED);
    assertThat(error.getSuppressed())
        .extracting(Throwable::getMessage)
        .containsExactly("quota store down");
  }
}
