package dev.coracle.api.anthropic;

import static dev.coracle.api.HttpCalls.json;
import static dev.coracle.api.HttpCalls.parse;
import static dev.coracle.api.HttpCalls.post;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.coracle.activities.store.AuditEntry;
import dev.coracle.activities.store.AuditRepository;
import dev.coracle.api.CoracleUnderTest;
import dev.coracle.api.HttpCalls;
import dev.coracle.fakes.FakeOpenAiServer;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Anthropic's Messages API door over real HTTP, against a coracle whose only provider is a fake
 * OpenAI-compatible upstream: the answers, the streamed events, a tool round trip, and the errors
 * in Anthropic's shape.
 */
class MessagesIT {
  static final String TOOLS =
      """
      "tools": [
        {"name": "read_file", "description": "Read a file of the workspace",
         "input_schema": {"type": "object", "required": ["path"],
                          "properties": {"path": {"type": "string"}}},
         "cache_control": {"type": "ephemeral"}},
        {"type": "web_search_20250305", "name": "web_search", "max_uses": 5}]""";

  static final String[] CLAUDE_HEADERS = {
    "anthropic-version", "2023-06-01",
    "anthropic-beta", "claude-code-20250219,interleaved-thinking-2025-05-14",
    "x-api-key", "any-key"
  };

  @TempDir static Path home;
  static FakeOpenAiServer cloud;
  static CoracleUnderTest coracle;

  @BeforeAll
  static void start() {
    cloud = new FakeOpenAiServer().start();
    coracle =
        CoracleUnderTest.start(
            home,
            CoracleUnderTest.cloudOnly(
                "providers:\n"
                    + CoracleUnderTest.openAiProvider(
                        "fake", cloud.baseUrl(), "echo", "broken-stream", "rate-limited")));
  }

  @AfterAll
  static void stop() {
    coracle.close();
    cloud.close();
  }

  @BeforeEach
  void clear() {
    cloud.reset();
  }

  private static HttpResponse<String> messages(String body) {
    return post(coracle.url("/v1/messages"), body, CLAUDE_HEADERS);
  }

  private static String request(String model, String messages, String extra) {
    return """
        {"model": "%s", "max_tokens": 1024, "messages": %s%s}
        """
        .formatted(model, messages, extra.isEmpty() ? "" : ", " + extra);
  }

  private static String userSays(String text) {
    return "[{\"role\": \"user\", \"content\": " + HttpCalls.quote(text) + "}]";
  }

  @Test
  void a_plain_message_gets_anthropics_answer_and_coracle_headers() {
    HttpResponse<String> response =
        messages(
            request(
                "coracle",
                userSays("hello there"),
                """
                "system": [{"type": "text", "text": "Be terse.",
                            "cache_control": {"type": "ephemeral"}}],
                "metadata": {"user_id": "someone"}, "thinking": {"type": "adaptive"},
                "context_management": {"edits": []}, "output_config": {"effort": "low"},
                "temperature": 0.5, "top_k": 5, "stop_sequences": ["\\n\\nHuman:"],
                "service_tier": "auto"
                """));

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    JsonNode body = json(response);
    assertThat(body.path("id").asText()).startsWith("msg_");
    assertThat(body.path("type").asText()).isEqualTo("message");
    assertThat(body.path("role").asText()).isEqualTo("assistant");
    assertThat(body.path("model").asText()).isEqualTo("coracle");
    assertThat(body.path("content")).hasSize(1);
    assertThat(body.at("/content/0/type").asText()).isEqualTo("text");
    assertThat(body.at("/content/0/text").asText()).isEqualTo("echo: hello there");
    assertThat(body.path("stop_reason").asText()).isEqualTo("end_turn");
    assertThat(body.has("stop_sequence") && body.get("stop_sequence").isNull()).isTrue();
    assertThat(body.at("/usage/input_tokens").asInt()).isPositive();
    assertThat(body.at("/usage/output_tokens").asInt()).isPositive();
    assertThat(response.headers().firstValue("x-coracle-workflow-id")).isPresent();
    assertThat(response.headers().firstValue("x-coracle-provider")).hasValue("fake");
    JsonNode sent = cloud.requests("/v1/chat/completions").get(0).body();
    assertThat(sent.at("/messages/0/role").asText()).isEqualTo("system");
    assertThat(sent.at("/messages/0/content").asText()).isEqualTo("Be terse.");
    assertThat(sent.path("temperature").asDouble()).isEqualTo(0.5);
  }

  @Test
  void a_streamed_message_sends_anthropics_events_in_order() {
    HttpResponse<String> response =
        messages(request("coracle", userSays("stream to claude please"), "\"stream\": true"));

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertThat(response.headers().firstValue("content-type").orElse(""))
        .startsWith("text/event-stream");
    List<JsonNode> events = events(response.body());
    List<String> types = events.stream().map(e -> e.path("type").asText()).toList();
    assertThat(types.get(0)).isEqualTo("message_start");
    assertThat(types)
        .containsSubsequence(
            "message_start",
            "content_block_start",
            "content_block_delta",
            "content_block_stop",
            "message_delta",
            "message_stop");
    assertThat(types).last().isEqualTo("message_stop");
    assertThat(types).contains("ping");
    JsonNode start = events.get(0).path("message");
    assertThat(start.path("id").asText()).startsWith("msg_");
    assertThat(start.path("model").asText()).isEqualTo("coracle");
    assertThat(start.path("content")).isEmpty();
    StringBuilder text = new StringBuilder();
    for (JsonNode event : events) {
      if (event.path("type").asText().equals("content_block_delta")) {
        assertThat(event.path("index").asInt()).isZero();
        assertThat(event.at("/delta/type").asText()).isEqualTo("text_delta");
        text.append(event.at("/delta/text").asText());
      }
    }
    assertThat(text.toString()).isEqualTo("echo: stream to claude please");
    JsonNode delta = event(events, "message_delta");
    assertThat(delta.at("/delta/stop_reason").asText()).isEqualTo("end_turn");
    assertThat(delta.at("/usage/output_tokens").asInt()).isPositive();
  }

  @Test
  void tools_round_trip_and_server_tools_are_dropped_and_audited() {
    HttpResponse<String> call = messages(request("fake/echo", userSays("open README.md"), TOOLS));

    assertThat(call.statusCode()).as(call.body()).isEqualTo(200);
    JsonNode body = json(call);
    assertThat(body.path("stop_reason").asText()).isEqualTo("tool_use");
    JsonNode toolUse = body.path("content").get(body.path("content").size() - 1);
    assertThat(toolUse.path("type").asText()).isEqualTo("tool_use");
    assertThat(toolUse.path("name").asText()).isEqualTo("read_file");
    assertThat(toolUse.path("id").asText()).isNotBlank();
    assertThat(toolUse.at("/input/query").asText()).isEqualTo("open README.md");
    JsonNode offered = cloud.requests("/v1/chat/completions").get(0).body().path("tools");
    assertThat(offered).hasSize(1);
    assertThat(offered.at("/0/function/name").asText()).isEqualTo("read_file");
    assertThat(offered.at("/0/function/parameters/required/0").asText()).isEqualTo("path");
    String workflowId = call.headers().firstValue("x-coracle-workflow-id").orElseThrow();
    List<AuditEntry> audit =
        StreamSupport.stream(coracle.bean(AuditRepository.class).findAll().spliterator(), false)
            .filter(entry -> entry.workflowId().equals(workflowId))
            .filter(entry -> entry.outcome().equals("TOOL_DROPPED"))
            .toList();
    assertThat(audit).hasSize(1);
    assertThat(audit.get(0).error()).contains("web_search", "web_search_20250305");

    String followUp =
        """
        [{"role": "user", "content": "open README.md"},
         {"role": "assistant", "content": [
            {"type": "thinking", "thinking": "I should read it.", "signature": "abc"},
            {"type": "text", "text": "Reading it."},
            {"type": "tool_use", "id": %s, "name": "read_file", "input": %s}]},
         {"role": "user", "content": [
            {"type": "tool_result", "tool_use_id": %s,
             "content": [{"type": "text", "text": "# coracle"}]}]}]"""
            .formatted(
                HttpCalls.quote(toolUse.path("id").asText()),
                toolUse.path("input"),
                HttpCalls.quote(toolUse.path("id").asText()));
    HttpResponse<String> answer = messages(request("fake/echo", followUp, TOOLS));

    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    assertThat(json(answer).at("/content/0/text").asText()).isEqualTo("tool said: # coracle");
    assertThat(json(answer).path("stop_reason").asText()).isEqualTo("end_turn");
    JsonNode sent = cloud.requests("/v1/chat/completions").get(1).body().path("messages");
    assertThat(sent.at("/1/tool_calls/0/id").asText()).isEqualTo(toolUse.path("id").asText());
    assertThat(sent.at("/2/role").asText()).isEqualTo("tool");
    assertThat(sent.at("/2/content").asText()).isEqualTo("# coracle");
  }

  @Test
  void a_streamed_tool_call_arrives_as_input_json_deltas() {
    HttpResponse<String> response =
        messages(request("fake/echo", userSays("open pom.xml"), TOOLS + ", \"stream\": true"));

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    List<JsonNode> events = events(response.body());
    JsonNode start = event(events, "content_block_start");
    assertThat(start.at("/content_block/type").asText()).isEqualTo("tool_use");
    assertThat(start.at("/content_block/name").asText()).isEqualTo("read_file");
    assertThat(start.at("/content_block/id").asText()).isNotBlank();
    int index = start.path("index").asInt();
    StringBuilder input = new StringBuilder();
    int pieces = 0;
    for (JsonNode event : events) {
      if (event.path("type").asText().equals("content_block_delta")) {
        assertThat(event.path("index").asInt()).isEqualTo(index);
        assertThat(event.at("/delta/type").asText()).isEqualTo("input_json_delta");
        input.append(event.at("/delta/partial_json").asText());
        pieces++;
      }
    }
    assertThat(pieces).isGreaterThan(1);
    assertThat(parse(input.toString()).path("query").asText()).isEqualTo("open pom.xml");
    assertThat(event(events, "message_delta").at("/delta/stop_reason").asText())
        .isEqualTo("tool_use");
  }

  @Test
  void a_system_turn_mid_conversation_reaches_the_model_as_a_system_message() {
    String conversation =
        """
        [{"role": "user", "content": "hi"},
         {"role": "assistant", "content": "hello"},
         {"role": "system", "content": [{"type": "text", "text": "Answer in French."}]},
         {"role": "user", "content": [{"type": "text", "text": "again"}]}]""";
    HttpResponse<String> response = messages(request("coracle", conversation, ""));

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    JsonNode sent = cloud.requests("/v1/chat/completions").get(0).body().path("messages");
    assertThat(sent.at("/2/role").asText()).isEqualTo("system");
    assertThat(sent.at("/2/content").asText()).isEqualTo("Answer in French.");
    assertThat(sent.at("/3/content").asText()).isEqualTo("again");
  }

  @Test
  void an_image_block_is_a_clear_400_naming_the_block() {
    String withImage =
        """
        [{"role": "user", "content": [{"type": "text", "text": "what is this?"},
          {"type": "image", "source": {"type": "base64", "media_type": "image/png",
                                       "data": "iVBORw0KGgo="}}]}]""";
    HttpResponse<String> response = messages(request("coracle", withImage, ""));

    assertAnthropicError(response, 400, "invalid_request_error");
    assertThat(json(response).at("/error/message").asText())
        .contains("messages.0.content.1", "image");
    assertThat(cloud.requests()).isEmpty();
  }

  @Test
  void max_tokens_is_required() {
    HttpResponse<String> response =
        messages("{\"model\": \"coracle\", \"messages\": " + userSays("hi") + "}");

    assertAnthropicError(response, 400, "invalid_request_error");
    assertThat(json(response).at("/error/message").asText()).contains("max_tokens");
  }

  @Test
  void count_tokens_estimates_the_input_and_grows_with_it() {
    String small = "{\"model\": \"coracle\", \"messages\": " + userSays("hi") + "}";
    String large =
        "{\"model\": \"coracle\", \"system\": \"You are a careful engineer.\", "
            + TOOLS
            + ", \"messages\": "
            + userSays("please read every file of this repository and summarise it ".repeat(20))
            + "}";

    HttpResponse<String> smallCount = post(coracle.url("/v1/messages/count_tokens"), small);
    HttpResponse<String> largeCount = post(coracle.url("/v1/messages/count_tokens"), large);

    assertThat(smallCount.statusCode()).as(smallCount.body()).isEqualTo(200);
    assertThat(json(smallCount).path("input_tokens").asInt()).isPositive();
    assertThat(json(largeCount).path("input_tokens").asInt())
        .isGreaterThan(json(smallCount).path("input_tokens").asInt() + 250);
    assertThat(json(smallCount).size()).isEqualTo(1);
    assertThat(cloud.requests()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "not json",
        "[1, 2]",
        "{\"model\": \"coracle\", \"max_tokens\": 10}",
        "{\"model\": \"coracle\", \"max_tokens\": 10, \"messages\": []}",
        "{\"model\": \"coracle\", \"max_tokens\": 10, \"messages\": \"hi\"}",
        "{\"model\": \"coracle\", \"max_tokens\": \"many\", \"messages\": [{\"role\": \"user\","
            + " \"content\": \"hi\"}]}",
        "{\"model\": \"coracle\", \"max_tokens\": 0, \"messages\": [{\"role\": \"user\","
            + " \"content\": \"hi\"}]}",
        "{\"model\": \"coracle\", \"max_tokens\": 10, \"messages\": [{\"role\": \"robot\","
            + " \"content\": \"hi\"}]}",
        "{\"model\": \"coracle\", \"max_tokens\": 10, \"messages\": [{\"role\": \"user\","
            + " \"content\": 42}]}",
        "{\"model\": \"coracle\", \"max_tokens\": 10, \"messages\": [{\"role\": \"user\","
            + " \"content\": [{\"type\": \"document\"}]}]}",
        "{\"model\": \"coracle\", \"max_tokens\": 10, \"messages\": [{\"role\": \"user\","
            + " \"content\": [{\"type\": \"tool_result\", \"content\": \"x\"}]}]}",
        "{\"model\": \"coracle\", \"max_tokens\": 10, \"temperature\": 3, \"messages\":"
            + " [{\"role\": \"user\", \"content\": \"hi\"}]}",
        "{\"model\": \"coracle\", \"max_tokens\": 10, \"tools\": [{\"name\": \"x\"}], \"messages\":"
            + " [{\"role\": \"user\", \"content\": \"hi\"}]}",
        "{\"model\": \"coracle\", \"max_tokens\": 10, \"tools\": [{\"name\": \"x\", \"input_schema\":"
            + " {}}], \"tool_choice\": {\"type\": \"tool\", \"name\": \"y\"}, \"messages\":"
            + " [{\"role\": \"user\", \"content\": \"hi\"}]}",
      })
  void bad_input_is_an_anthropic_400(String body) {
    assertAnthropicError(messages(body), 400, "invalid_request_error");
  }

  @Test
  void a_value_of_the_wrong_type_is_named_by_its_path_without_java_words() {
    HttpResponse<String> response =
        messages(
            "{\"model\": \"coracle\", \"max_tokens\": 10, \"messages\": [{\"role\": \"user\","
                + " \"content\": [{\"type\": \"text\", \"text\": [1]}]}]}");

    assertAnthropicError(response, 400, "invalid_request_error");
    String message = json(response).at("/error/message").asText();
    assertThat(message).contains("messages[0].content[0].text", "must be a string");
    assertThat(message).doesNotContain("java", "Cannot deserialize");
  }

  @Test
  void unknown_models_routes_and_methods_are_anthropic_errors() {
    HttpResponse<String> unknownModel = messages(request("nonesuch-model-9", userSays("hi"), ""));
    HttpResponse<String> unknownCountModel =
        post(
            coracle.url("/v1/messages/count_tokens"),
            "{\"model\": \"nonesuch\", \"messages\": " + userSays("hi") + "}");
    HttpResponse<String> noRoute = post(coracle.url("/v1/messages/batches/x"), "{}");
    HttpResponse<String> wrongMethod = HttpCalls.get(coracle.url("/v1/messages"));

    assertAnthropicError(unknownModel, 404, "not_found_error");
    assertThat(json(unknownModel).at("/error/message").asText()).contains("nonesuch-model-9");
    assertAnthropicError(unknownCountModel, 404, "not_found_error");
    assertAnthropicError(noRoute, 404, "not_found_error");
    assertThat(wrongMethod.statusCode()).isEqualTo(405);
    assertThat(json(wrongMethod).path("type").asText()).isEqualTo("error");
    assertThat(json(wrongMethod).at("/error/type").asText()).isEqualTo("invalid_request_error");
  }

  @Test
  void no_model_able_to_answer_is_529_overloaded_with_retry_after() {
    HttpResponse<String> response =
        messages(request("fake/rate-limited", userSays("anyone there?"), ""));

    assertAnthropicError(response, 529, "overloaded_error");
    assertThat(response.headers().firstValue("retry-after").map(Long::parseLong))
        .hasValueSatisfying(seconds -> assertThat(seconds).isPositive());
  }

  @Test
  void a_stream_that_breaks_after_the_first_token_ends_with_an_error_event() {
    HttpResponse<String> response =
        messages(request("fake/broken-stream", userSays("break please"), "\"stream\": true"));

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    List<JsonNode> events = events(response.body());
    assertThat(events.get(0).path("type").asText()).isEqualTo("message_start");
    JsonNode error = events.get(events.size() - 1);
    assertThat(error.path("type").asText()).isEqualTo("error");
    assertThat(error.at("/error/type").asText()).isIn("api_error", "overloaded_error");
    assertThat(error.at("/error/message").asText()).isNotBlank();
    assertThat(events).noneMatch(e -> e.path("type").asText().equals("message_stop"));
  }

  /** Each event's JSON, after checking that its {@code event:} name matches its type. */
  static List<JsonNode> events(String body) {
    List<JsonNode> events = new ArrayList<>();
    String name = null;
    for (String line : body.split("\n")) {
      if (line.startsWith("event:")) {
        name = line.substring(6).strip();
      } else if (line.startsWith("data:")) {
        JsonNode data = parse(line.substring(5).strip());
        assertThat(data.path("type").asText()).as(line).isEqualTo(name);
        events.add(data);
        name = null;
      }
    }
    return events;
  }

  private static JsonNode event(List<JsonNode> events, String type) {
    return events.stream()
        .filter(e -> e.path("type").asText().equals(type))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + type + " in " + events));
  }

  static void assertAnthropicError(HttpResponse<String> response, int status, String type) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    JsonNode body = json(response);
    assertThat(body.path("type").asText()).as(response.body()).isEqualTo("error");
    assertThat(body.at("/error/type").asText()).as(response.body()).isEqualTo(type);
    assertThat(body.at("/error/message").asText()).as(response.body()).isNotBlank();
  }
}
