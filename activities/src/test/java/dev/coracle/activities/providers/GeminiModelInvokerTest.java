package dev.coracle.activities.providers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.coracle.fakes.FakeGeminiServer;
import dev.coracle.fakes.FakeUpstreamServer;
import dev.coracle.fakes.GeminiWire;
import dev.coracle.fakes.RecordedRequest;
import dev.coracle.workflows.chat.AgentTools;
import dev.coracle.workflows.chat.ChatErrorType;
import dev.coracle.workflows.chat.ChatMessage;
import dev.coracle.workflows.chat.ToolCall;
import dev.coracle.workflows.chat.ToolDefinition;
import dev.coracle.workflows.model.ModelAnswer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class GeminiModelInvokerTest extends ModelInvokerContract {

  private static final String PREFIX = "/v1beta/models/";

  @Override
  protected FakeUpstreamServer<?> startServer() {
    return new FakeGeminiServer().start();
  }

  @Override
  protected ProviderKind kind() {
    return ProviderKind.GEMINI;
  }

  /** Gemini names the model and the method in the path, so chats share only this prefix. */
  @Override
  protected String chatPath() {
    return PREFIX;
  }

  @Override
  protected List<RecordedRequest> chats() {
    return server.requests().stream()
        .filter(r -> r.path().startsWith(PREFIX) && r.path().endsWith("enerateContent"))
        .toList();
  }

  /** Gemini keeps system text apart and calls the assistant "model"; read as OpenAI messages. */
  @Override
  protected JsonNode sentMessages(JsonNode body) {
    return GeminiWire.messages(body);
  }

  @Override
  protected SentParams sentParams(JsonNode body) {
    JsonNode config = body.path("generationConfig");
    return new SentParams(
        intOrNull(config.path("maxOutputTokens")),
        doubleOrNull(config.path("temperature")),
        doubleOrNull(config.path("topP")),
        strings(config.path("stopSequences")),
        intOrNull(config.path("seed")));
  }

  /** {@link #sentMessages} gives a {@code functionCall} part the shape of an OpenAI call. */
  @Override
  protected ToolCall sentToolCall(JsonNode wireCall) {
    return new ToolCall(
        wireCall.path("id").asText(null),
        wireCall.path("function").path("name").asText(),
        wireCall.path("function").path("arguments").asText());
  }

  @Override
  protected String sentToolCallId(JsonNode toolMessage) {
    return toolMessage.path("tool_call_id").asText(null);
  }

  @Override
  protected JsonNode sentFormat(JsonNode body) {
    JsonNode config = body.path("generationConfig");
    ObjectNode format = JSON.createObjectNode();
    format.set("responseMimeType", config.path("responseMimeType"));
    if (config.has("responseJsonSchema")) {
      format.set("responseJsonSchema", config.path("responseJsonSchema"));
    }
    return format;
  }

  /** JSON mode is a MIME type; a client's schema travels verbatim as responseJsonSchema. */
  @Override
  protected JsonNode expectedFormat(JsonNode responseFormat) {
    ObjectNode format = JSON.createObjectNode().put("responseMimeType", "application/json");
    JsonNode schema = responseFormat.at("/json_schema/schema");
    if (schema.isObject()) {
      format.set("responseJsonSchema", schema);
    }
    return format;
  }

  /** Gemini streams a call whole, in one event. */
  @Override
  protected int streamedToolCallPieces() {
    return 1;
  }

  /** Google answers a wrong key with 400 API_KEY_INVALID rather than 401. */
  @Test
  @Override
  void refused_credentials_are_reported_as_auth_failure() {
    ProviderException plain = failure("unauthorized", null);

    assertThat(plain.type()).isEqualTo(ChatErrorType.UPSTREAM_AUTH);
    assertThat(plain.httpStatus()).isEqualTo(400);
    assertThat(plain.getMessage())
        .isEqualTo(
            "fake/unauthorized: HTTP 400 unauthorized: API key not valid. Please pass a valid API"
                + " key.");
    assertThat(failure("unauthorized", token -> {}).type()).isEqualTo(ChatErrorType.UPSTREAM_AUTH);
  }

  /**
   * Gemini's function declarations carry an OpenAPI-style schema: the structure survives, keywords
   * it has no room for (minLength, format, minimum, default, additionalProperties) do not.
   */
  @Test
  @Override
  void tools_reach_the_upstream_with_their_schema_intact() throws Exception {
    invoker.invoke(endpoint(), "echo", HELLO, null, TOOLS, null);

    JsonNode declarations = lastChat().at("/tools/0/functionDeclarations");
    assertThat(declarations).hasSize(2);
    JsonNode search = declarations.get(0);
    assertThat(search.path("name").asText()).isEqualTo("search_code");
    assertThat(search.path("description").asText()).isEqualTo("Searches the repository");
    JsonNode parameters = search.path("parameters");
    assertThat(parameters.path("type").asText()).isEqualToIgnoringCase("object");
    assertThat(strings(parameters.path("required"))).containsExactly("query");
    JsonNode query = parameters.at("/properties/query");
    assertThat(query.path("type").asText()).isEqualToIgnoringCase("string");
    assertThat(query.path("description").asText()).isEqualTo("the search terms");
    assertThat(query.has("minLength")).isFalse();
    JsonNode filters = parameters.at("/properties/filters");
    assertThat(strings(filters.path("required"))).containsExactly("language");
    assertThat(strings(filters.at("/properties/language/enum")))
        .containsExactly("java", "go", "rust");
    assertThat(filters.at("/properties/paths/items/type").asText()).isEqualToIgnoringCase("string");
    assertThat(filters.at("/properties/limit/type").asText()).isEqualToIgnoringCase("integer");
    assertThat(filters.at("/properties/limit").has("minimum")).isFalse();
    assertThat(filters.at("/properties/since/anyOf")).hasSize(2);
    assertThat(filters.has("additionalProperties")).isFalse();
    assertThat(declarations.get(1).path("name").asText()).isEqualTo("read_file");
  }

  @Test
  void key_travels_in_x_goog_api_key_and_the_model_and_method_in_the_path() {
    invoker.invoke(endpoint(), "echo", HELLO, null, null);
    invoker.invoke(endpoint(), "echo", HELLO, null, token -> {});

    RecordedRequest plain = chats().get(0);
    RecordedRequest streamed = chats().get(1);
    assertThat(plain.path()).isEqualTo("/v1beta/models/echo:generateContent");
    assertThat(plain.header("x-goog-api-key")).isEqualTo("sk-test");
    assertThat(plain.header("Authorization")).isNull();
    assertThat(streamed.path()).isEqualTo("/v1beta/models/echo:streamGenerateContent");
    assertThat(streamed.query()).isEqualTo("alt=sse");
  }

  @Test
  void system_text_travels_as_system_instruction_and_the_assistant_as_model() {
    List<ChatMessage> conversation =
        List.of(
            new ChatMessage("system", "be brief"),
            new ChatMessage("user", "hi"),
            new ChatMessage("assistant", "hello"),
            new ChatMessage("user", "again"));

    invoker.invoke(endpoint(), "echo", conversation, null, null);

    JsonNode body = lastChat();
    assertThat(body.at("/systemInstruction/parts/0/text").asText()).isEqualTo("be brief");
    assertThat(body.path("contents").findValuesAsText("role"))
        .containsExactly("user", "model", "user");
  }

  @Test
  void missing_key_is_reported_as_auth_failure() {
    ProviderEndpoint keyless =
        new ProviderEndpoint("fake", kind(), server.baseUrl(), " ", Duration.ofSeconds(5));

    ProviderException error =
        catchThrowableOfType(
            () -> invoker.invoke(keyless, "echo", HELLO, null, null), ProviderException.class);

    assertThat(error.type()).isEqualTo(ChatErrorType.UPSTREAM_AUTH);
    assertThat(error.httpStatus()).isEqualTo(403);
  }

  @Test
  void tool_choice_becomes_the_function_calling_mode() {
    String named = "{\"type\":\"function\",\"function\":{\"name\":\"read_file\"}}";

    ModelAnswer none = invoker.invoke(endpoint(), "echo", HELLO, null, choice("none"), null);
    JsonNode noneBody = lastChat();
    invoker.invoke(endpoint(), "echo", HELLO, null, choice("\"required\""), null);
    JsonNode requiredBody = lastChat();
    ModelAnswer forced = invoker.invoke(endpoint(), "echo", HELLO, null, choice(named), null);
    JsonNode namedBody = lastChat();

    assertThat(noneBody.at("/toolConfig/functionCallingConfig/mode").asText()).isEqualTo("NONE");
    assertThat(noneBody.at("/tools/0/functionDeclarations")).hasSize(2);
    assertThat(none.content()).isEqualTo("echo: hello world");
    assertThat(requiredBody.at("/toolConfig/functionCallingConfig/mode").asText()).isEqualTo("ANY");
    assertThat(namedBody.at("/toolConfig/functionCallingConfig/mode").asText()).isEqualTo("ANY");
    assertThat(namedBody.at("/tools/0/functionDeclarations").findValuesAsText("name"))
        .as("a named function is forced by offering only it")
        .containsExactly("read_file");
    assertThat(forced.toolCalls().get(0).name()).isEqualTo("read_file");
  }

  @Test
  void schema_references_are_inlined_into_the_declaration() {
    String schema =
        """
        {"type":"object",
         "properties":{"edits":{"type":"array","items":{"$ref":"#/$defs/Edit"}}},
         "$defs":{"Edit":{"type":"object","properties":{"line":{"type":"integer"}},
           "required":["line"]}}}
        """;
    AgentTools tools =
        new AgentTools(List.of(new ToolDefinition("edit", "Edits", schema, null)), null, null);

    invoker.invoke(endpoint(), "echo", HELLO, null, tools, null);

    JsonNode items =
        lastChat().at("/tools/0/functionDeclarations/0/parameters/properties/edits/items");
    assertThat(items.path("type").asText()).isEqualToIgnoringCase("object");
    assertThat(items.at("/properties/line/type").asText()).isEqualToIgnoringCase("integer");
    assertThat(strings(items.path("required"))).containsExactly("line");
  }

  @Test
  void per_day_and_per_minute_quotas_are_told_apart() {
    for (TokenSink sink : new TokenSink[] {null, token -> {}}) {
      List<RateLimitInfo> heard = new CopyOnWriteArrayList<>();
      ProviderException day = rateLimited("rate-limited-day", sink, heard);
      ProviderException minute = rateLimited("rate-limited", sink, heard);

      assertThat(day.type()).isEqualTo(ChatErrorType.UPSTREAM_RATE_LIMITED);
      RateLimitInfo perDay = day.rateLimit();
      assertThat(perDay.scope()).isEqualTo(RateLimitInfo.Scope.DAY);
      assertThat(perDay.retryAfter()).isEqualTo(Duration.ofSeconds(41));
      assertThat(perDay.quotaId()).isEqualTo("GenerateRequestsPerDayPerProjectPerModel-FreeTier");
      assertThat(perDay.limitRequests()).isEqualTo(250);
      assertThat(perDay.remainingRequests()).isZero();
      RateLimitInfo perMinute = minute.rateLimit();
      assertThat(perMinute.scope()).isEqualTo(RateLimitInfo.Scope.MINUTE);
      assertThat(perMinute.retryAfter()).isEqualTo(Duration.ofSeconds(13));
      assertThat(perMinute.quotaId())
          .isEqualTo("GenerateRequestsPerMinutePerProjectPerModel-FreeTier");
      assertThat(heard).containsExactly(perDay, perMinute);
    }
  }

  @Test
  void answer_without_rate_limit_signals_reports_none() {
    List<RateLimitInfo> heard = new CopyOnWriteArrayList<>();

    invoker.invoke(endpoint(), "echo", HELLO, null, null, null, heard::add);
    invoker.invoke(endpoint(), "echo", HELLO, null, null, token -> {}, heard::add);

    assertThat(heard).isEmpty();
  }

  private ProviderException rateLimited(String model, TokenSink sink, List<RateLimitInfo> heard) {
    return catchThrowableOfType(
        () -> invoker.invoke(endpoint(), model, HELLO, null, null, sink, heard::add),
        ProviderException.class);
  }

  private static AgentTools choice(String toolChoice) {
    return new AgentTools(List.of(SEARCH, READ), toolChoice, null);
  }
}
