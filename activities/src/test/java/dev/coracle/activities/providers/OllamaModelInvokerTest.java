package dev.coracle.activities.providers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.coracle.fakes.FakeOllamaServer;
import dev.coracle.fakes.FakeUpstreamServer;
import dev.coracle.workflows.chat.AgentTools;
import dev.coracle.workflows.chat.ChatErrorType;
import dev.coracle.workflows.chat.ChatMessage;
import dev.coracle.workflows.chat.ToolCall;
import dev.coracle.workflows.chat.ToolDefinition;
import dev.coracle.workflows.model.ModelAnswer;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class OllamaModelInvokerTest extends ModelInvokerContract {

  @Override
  protected FakeUpstreamServer<?> startServer() {
    return new FakeOllamaServer().start();
  }

  @Override
  protected ProviderKind kind() {
    return ProviderKind.OLLAMA;
  }

  @Override
  protected String chatPath() {
    return "/api/chat";
  }

  /** Ollama carries sampling settings under {@code options}, with its own names. */
  @Override
  protected SentParams sentParams(JsonNode body) {
    JsonNode options = body.path("options");
    return new SentParams(
        intOrNull(options.path("num_predict")),
        doubleOrNull(options.path("temperature")),
        doubleOrNull(options.path("top_p")),
        strings(options.path("stop")),
        intOrNull(options.path("seed")));
  }

  /** Ollama's wire carries arguments as an object; its text form is compared. */
  @Override
  protected ToolCall sentToolCall(JsonNode wireCall) {
    return new ToolCall(
        wireCall.path("id").asText(null),
        wireCall.path("function").path("name").asText(),
        wireCall.path("function").path("arguments").toString());
  }

  /** LangChain4j's Ollama messages have no field for it: a result follows its call by position. */
  @Override
  protected String sentToolCallId(JsonNode toolMessage) {
    return toolMessage.path("tool_call_id").asText(null);
  }

  @Override
  protected JsonNode sentFormat(JsonNode body) {
    return body.path("format");
  }

  /** Ollama's {@code format} is "json", or the bare JSON schema. */
  @Override
  protected JsonNode expectedFormat(JsonNode responseFormat) {
    JsonNode schema = responseFormat.at("/json_schema/schema");
    return schema.isObject() ? schema : TextNode.valueOf("json");
  }

  @Override
  protected int streamedToolCallPieces() {
    return 1;
  }

  @Test
  void tool_calls_without_upstream_ids_get_fresh_ones() {
    ModelAnswer first = invoker.invoke(endpoint(), "echo", HELLO, null, TOOLS, null);
    ModelAnswer second = invoker.invoke(endpoint(), "echo", HELLO, null, TOOLS, token -> {});

    assertThat(first.toolCalls().get(0).id()).matches("call_[A-Za-z0-9]{24}");
    assertThat(second.toolCalls().get(0).id())
        .matches("call_[A-Za-z0-9]{24}")
        .isNotEqualTo(first.toolCalls().get(0).id());
  }

  @Test
  void tool_choice_is_approximated_with_the_tool_list() {
    String named = "{\"type\":\"function\",\"function\":{\"name\":\"read_file\"}}";

    ModelAnswer none = invoker.invoke(endpoint(), "echo", HELLO, null, choice("\"none\""), null);
    JsonNode noneBody = lastChat();
    ModelAnswer forced = invoker.invoke(endpoint(), "echo", HELLO, null, choice(named), null);
    JsonNode namedBody = lastChat();
    invoker.invoke(endpoint(), "echo", HELLO, null, choice("\"required\""), null);
    JsonNode requiredBody = lastChat();

    assertThat(noneBody.path("tools")).isEmpty();
    assertThat(none.content()).isEqualTo("echo: hello world");
    assertThat(namedBody.path("tools").findValuesAsText("name")).containsExactly("read_file");
    assertThat(forced.toolCalls().get(0).name()).isEqualTo("read_file");
    assertThat(requiredBody.path("tools")).hasSize(2);
    assertThat(requiredBody.has("tool_choice")).isFalse();
  }

  @Test
  void schema_references_are_inlined_because_ollama_parameters_have_no_defs() throws Exception {
    String schema =
        """
        {"type":"object",
         "properties":{
           "edit":{"$ref":"#/$defs/Edit","description":"the change"},
           "tree":{"$ref":"#/$defs/Node"}},
         "$defs":{
           "Edit":{"type":"object","properties":{"line":{"type":"integer"}}},
           "Node":{"type":"object","properties":{"children":{"type":"array","items":{"$ref":"#/$defs/Node"}}}}}}
        """;
    AgentTools tools =
        new AgentTools(List.of(new ToolDefinition("edit", "Edits", schema, null)), null, null);

    invoker.invoke(endpoint(), "echo", HELLO, null, tools, null);

    JsonNode properties = lastChat().at("/tools/0/function/parameters/properties");
    assertThat(properties.path("edit"))
        .isEqualTo(
            JSON.readTree(
                "{\"type\":\"object\",\"properties\":{\"line\":{\"type\":\"integer\"}},"
                    + "\"description\":\"the change\"}"));
    assertThat(properties.at("/tree/properties/children/items"))
        .as("a recursive reference ends in an unconstrained schema")
        .isEqualTo(JSON.createObjectNode());
  }

  @Test
  void assistant_tool_call_with_arguments_that_are_no_object_is_sent_with_empty_ones() {
    List<ChatMessage> cut =
        List.of(
            new ChatMessage("user", "find foo"),
            new ChatMessage(
                "assistant",
                "",
                List.of(new ToolCall("call_abc", "search_code", "{\"query\":\"fo")),
                null,
                null),
            new ChatMessage("tool", "error: bad arguments", null, "call_abc", null));

    ModelAnswer answer = invoker.invoke(endpoint(), "echo", cut, null, TOOLS, null);

    assertThat(lastChat().at("/messages/1/tool_calls/0/function/arguments"))
        .isEqualTo(JSON.createObjectNode());
    assertThat(answer.content()).isEqualTo("tool said: error: bad arguments");
  }

  @Test
  void stream_broken_after_a_whole_tool_call_line_is_not_stream_broken() {
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

    // LangChain4j hands out an Ollama call only when the turn is done, so the client saw nothing
    // and another provider may still take over.
    assertThat(pieces).isEmpty();
    assertThat(error.type()).isEqualTo(ChatErrorType.UPSTREAM_UNAVAILABLE);
  }

  private static AgentTools choice(String toolChoice) {
    return new AgentTools(List.of(SEARCH, READ), toolChoice, null);
  }

  @Test
  void plain_call_asks_for_one_object_and_streamed_call_for_a_stream() {
    invoker.invoke(endpoint(), "echo", HELLO, null, null);
    invoker.invoke(endpoint(), "echo", HELLO, null, token -> {});

    assertThat(server.requests(chatPath()).get(0).body().path("stream").asBoolean()).isFalse();
    assertThat(server.requests(chatPath()).get(1).body().path("stream").asBoolean()).isTrue();
  }

  @Test
  void generated_model_is_listed_as_resident() {
    invoker.invoke(endpoint(), "echo", HELLO, null, null);

    assertThat(((FakeOllamaServer) server).residentModels()).containsExactly("echo:latest");
  }

  @Test
  void ollama_says_nothing_about_rate_limits_so_the_callback_hears_nothing() {
    List<RateLimitInfo> heard = new CopyOnWriteArrayList<>();

    invoker.invoke(endpoint(), "echo", HELLO, null, null, null, heard::add);
    ProviderException limited =
        catchThrowableOfType(
            () -> invoker.invoke(endpoint(), "rate-limited", HELLO, null, null, null, heard::add),
            ProviderException.class);

    assertThat(heard).isEmpty();
    assertThat(limited.type()).isEqualTo(ChatErrorType.UPSTREAM_RATE_LIMITED);
    assertThat(limited.rateLimit()).isNull();
  }
}
