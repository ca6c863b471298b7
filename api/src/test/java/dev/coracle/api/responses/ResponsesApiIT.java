package dev.coracle.api.responses;

import static dev.coracle.api.HttpCalls.json;
import static dev.coracle.api.HttpCalls.parse;
import static dev.coracle.api.HttpCalls.quote;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.coracle.activities.store.AuditEntry;
import dev.coracle.activities.store.AuditLog;
import dev.coracle.api.CoracleUnderTest;
import dev.coracle.api.HttpCalls;
import dev.coracle.api.chat.DroppedToolsAudit;
import dev.coracle.fakes.FakeOpenAiServer;
import dev.coracle.fakes.RecordedRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /v1/responses} over real HTTP against a real coracle (with an API key, as codex sends one)
 * whose upstream is a fake OpenAI-compatible server: answers whole and streamed, tool calls out and
 * results back, stored conversations continued, and bad input refused in OpenAI's shape.
 */
class ResponsesApiIT {
  static final String KEY = "ck-responses-5d1e";
  static final String MODEL = "cloud/echo";

  static final String TOOLS =
      """
      [{"type": "function", "name": "read_file", "description": "Read a workspace file",
        "parameters": {"type": "object", "properties": {"query": {"type": "string"}}},
        "strict": false},
       {"type": "web_search", "external_web_access": false},
       {"type": "namespace", "name": "agents", "description": "Sub-agents",
        "tools": [{"type": "function", "name": "spawn", "parameters": {"type": "object"}}]},
       {"type": "custom", "name": "apply_patch", "description": "Apply a patch",
        "format": {"type": "grammar", "syntax": "lark", "definition": "start: /.+/"}}]""";

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
                        "cloud", cloud.baseUrl(), "echo", "broken-stream")),
            Map.of("CORACLE_API_KEY", KEY));
    // The classifier is built in the background after start-up; asking it once waits for it here
    // rather than inside the first test's chat.
    HttpCalls.post(
        coracle.url("/api/classify"), "{\"text\":\"warm up\"}", "authorization", "Bearer " + KEY);
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

  /** A POST with the API key and any further header name/value pairs. */
  static HttpResponse<String> create(String body, String... headers) {
    List<String> all = new ArrayList<>(List.of("authorization", "Bearer " + KEY));
    all.addAll(List.of(headers));
    return HttpCalls.post(coracle.url("/v1/responses"), body, all.toArray(String[]::new));
  }

  static String body(String input, String extra) {
    return "{\"model\": \""
        + MODEL
        + "\", \"input\": "
        + input
        + (extra.isEmpty() ? "" : ", " + extra)
        + "}";
  }

  @Test
  void a_string_input_gets_the_whole_response_object_with_usage_and_coracle_headers() {
    HttpResponse<String> answer = create(body(quote("hello there"), "\"store\": false"));

    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    assertThat(answer.headers().firstValue("x-coracle-workflow-id")).isPresent();
    assertThat(answer.headers().firstValue("x-coracle-provider")).hasValue("cloud");
    JsonNode response = json(answer);
    assertThat(response.path("object").asText()).isEqualTo("response");
    assertThat(response.path("id").asText()).startsWith("resp_");
    assertThat(response.path("status").asText()).isEqualTo("completed");
    assertThat(response.path("error").isNull()).isTrue();
    assertThat(response.path("model").asText()).isEqualTo(MODEL);
    JsonNode message = response.at("/output/0");
    assertThat(message.path("type").asText()).isEqualTo("message");
    assertThat(message.path("role").asText()).isEqualTo("assistant");
    assertThat(message.at("/content/0/type").asText()).isEqualTo("output_text");
    assertThat(message.at("/content/0/text").asText()).isEqualTo("echo: hello there");
    assertThat(response.at("/usage/input_tokens").asInt()).isPositive();
    assertThat(response.at("/usage/output_tokens").asInt()).isPositive();
    assertThat(response.at("/usage/total_tokens").asInt())
        .isEqualTo(
            response.at("/usage/input_tokens").asInt()
                + response.at("/usage/output_tokens").asInt());
  }

  @Test
  void instructions_and_developer_messages_reach_the_upstream_as_system_turns() {
    HttpResponse<String> answer =
        create(
            body(
                """
                [{"role": "developer", "content": [{"type": "input_text", "text": "be brief"}]},
                 {"type": "message", "role": "user",
                  "content": [{"type": "input_text", "text": "what is up"}]}]""",
                "\"instructions\": \"You are terse.\", \"max_output_tokens\": 50,"
                    + " \"temperature\": 0.3, \"reasoning\": {\"summary\": \"auto\"},"
                    + " \"include\": [\"reasoning.encrypted_content\"], \"prompt_cache_key\": \"k\","
                    + " \"client_metadata\": {\"a\": \"b\"}, \"store\": false"));

    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    assertThat(json(answer).at("/output/0/content/0/text").asText()).isEqualTo("echo: what is up");
    JsonNode sent = cloud.requests("/v1/chat/completions").get(0).body();
    assertThat(sent.at("/messages/0/role").asText()).isEqualTo("system");
    assertThat(sent.at("/messages/0/content").asText()).isEqualTo("You are terse.");
    assertThat(sent.at("/messages/1/role").asText()).isEqualTo("system");
    assertThat(sent.at("/messages/1/content").asText()).isEqualTo("be brief");
    assertThat(sent.at("/messages/2/role").asText()).isEqualTo("user");
    assertThat(sent.path("temperature").asDouble()).isEqualTo(0.3);
  }

  @Test
  void a_streamed_response_sends_the_event_sequence_in_order_with_usage_at_the_end() {
    HttpResponse<String> answer =
        create(
            body(quote("stream to me please"), "\"stream\": true, \"store\": false"),
            "accept",
            "text/event-stream");

    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    assertThat(answer.headers().firstValue("content-type").orElse(""))
        .startsWith("text/event-stream");
    List<JsonNode> events = events(answer.body());
    assertThat(types(events))
        .containsSubsequence(
            "response.created",
            "response.in_progress",
            "response.output_item.added",
            "response.content_part.added",
            "response.output_text.delta",
            "response.output_text.done",
            "response.content_part.done",
            "response.output_item.done",
            "response.completed");
    assertThat(types(events).get(types(events).size() - 1)).isEqualTo("response.completed");
    for (int i = 0; i < events.size(); i++) {
      assertThat(events.get(i).path("sequence_number").asInt()).isEqualTo(i);
    }
    StringBuilder text = new StringBuilder();
    events.stream()
        .filter(e -> e.path("type").asText().equals("response.output_text.delta"))
        .forEach(e -> text.append(e.path("delta").asText()));
    assertThat(text.toString()).isEqualTo("echo: stream to me please");
    assertThat(types(events).stream().filter(t -> t.equals("response.output_text.delta")))
        .hasSizeGreaterThan(2);
    JsonNode completed = events.get(events.size() - 1).path("response");
    assertThat(completed.path("status").asText()).isEqualTo("completed");
    assertThat(completed.at("/output/0/content/0/text").asText())
        .isEqualTo("echo: stream to me please");
    assertThat(completed.at("/usage/output_tokens").asInt()).isPositive();
    assertThat(answer.body()).contains("event: response.output_text.delta\n");
  }

  @Test
  void a_stream_broken_after_the_first_token_ends_with_response_failed_not_completed() {
    HttpResponse<String> answer =
        create(
            "{\"model\": \"cloud/broken-stream\", \"input\": \"break please\","
                + " \"stream\": true}");

    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    List<JsonNode> events = events(answer.body());
    assertThat(types(events)).contains("response.output_text.delta");
    assertThat(types(events)).doesNotContain("response.completed");
    JsonNode last = events.get(events.size() - 1);
    assertThat(last.path("type").asText()).isEqualTo("response.failed");
    assertThat(last.at("/response/status").asText()).isEqualTo("failed");
    assertThat(last.at("/response/error/code").asText()).isEqualTo("stream_broken");
    assertThat(last.at("/response/error/message").asText()).contains("cloud/broken-stream");
    String id = last.at("/response/id").asText();
    HttpResponse<String> read =
        HttpCalls.get(coracle.url("/v1/responses/" + id), "authorization", "Bearer " + KEY);
    assertThat(read.statusCode()).as("a failed response is not stored").isEqualTo(404);
  }

  @Test
  void the_same_idempotency_key_gets_the_same_response_without_a_second_model_call() {
    String sent = body(quote("only once"), "");
    HttpResponse<String> first = create(sent, "Idempotency-Key", "responses-retry-1");
    HttpResponse<String> second = create(sent, "Idempotency-Key", "responses-retry-1");

    assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
    assertThat(second.statusCode()).as(second.body()).isEqualTo(200);
    assertThat(json(second).path("id").asText()).isEqualTo(json(first).path("id").asText());
    assertThat(json(second).path("output")).isEqualTo(json(first).path("output"));
    assertThat(cloud.requests("/v1/chat/completions")).hasSize(1);
  }

  @Test
  void function_tools_round_trip_and_tool_kinds_the_upstream_cannot_take_are_mapped_or_audited() {
    HttpResponse<String> first =
        create(body(quote("open README.md"), "\"tools\": " + TOOLS + ", \"store\": false"));

    assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
    JsonNode call = json(first).at("/output/0");
    assertThat(call.path("type").asText()).isEqualTo("function_call");
    assertThat(call.path("name").asText()).isEqualTo("read_file");
    assertThat(call.path("call_id").asText()).isNotBlank();
    assertThat(parse(call.path("arguments").asText()).path("query").asText())
        .isEqualTo("open README.md");
    JsonNode offered = cloud.requests("/v1/chat/completions").get(0).body().path("tools");
    List<String> names = new ArrayList<>();
    offered.forEach(t -> names.add(t.at("/function/name").asText()));
    assertThat(names).containsExactly("read_file", "agents__spawn", "apply_patch");
    assertThat(offered.get(2).at("/function/parameters/properties/input/type").asText())
        .isEqualTo("string");
    List<AuditEntry> dropped =
        coracle.bean(AuditLog.class).latest(100).stream()
            .filter(e -> e.outcome().equals(DroppedToolsAudit.OUTCOME))
            .toList();
    assertThat(dropped).isNotEmpty();
    assertThat(dropped.get(0).error()).contains("web_search");

    String input =
        "[{\"role\": \"user\", \"content\": \"open README.md\"}, "
            + call.toString()
            + ", {\"type\": \"function_call_output\", \"call_id\": "
            + quote(call.path("call_id").asText())
            + ", \"output\": \"# coracle\"}]";
    HttpResponse<String> second = create(body(input, "\"tools\": " + TOOLS + ", \"store\": false"));

    assertThat(second.statusCode()).as(second.body()).isEqualTo(200);
    assertThat(json(second).at("/output/0/content/0/text").asText())
        .isEqualTo("tool said: # coracle");
    JsonNode messages = cloud.requests("/v1/chat/completions").get(1).body().path("messages");
    assertThat(messages.get(1).at("/tool_calls/0/function/name").asText()).isEqualTo("read_file");
    assertThat(messages.get(2).path("role").asText()).isEqualTo("tool");
  }

  @Test
  void a_streamed_tool_call_sends_argument_deltas_then_done_events() {
    HttpResponse<String> answer =
        create(body(quote("open pom.xml"), "\"tools\": " + TOOLS + ", \"stream\": true"));

    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    List<JsonNode> events = events(answer.body());
    assertThat(types(events))
        .containsSubsequence(
            "response.created",
            "response.output_item.added",
            "response.function_call_arguments.delta",
            "response.function_call_arguments.done",
            "response.output_item.done",
            "response.completed");
    StringBuilder arguments = new StringBuilder();
    events.stream()
        .filter(e -> e.path("type").asText().equals("response.function_call_arguments.delta"))
        .forEach(e -> arguments.append(e.path("delta").asText()));
    assertThat(parse(arguments.toString()).path("query").asText()).isEqualTo("open pom.xml");
    JsonNode done =
        events.stream()
            .filter(e -> e.path("type").asText().equals("response.output_item.done"))
            .findFirst()
            .orElseThrow()
            .path("item");
    assertThat(done.path("type").asText()).isEqualTo("function_call");
    assertThat(done.path("name").asText()).isEqualTo("read_file");
    assertThat(done.path("arguments").asText()).isEqualTo(arguments.toString());
  }

  @Test
  void a_stored_response_is_read_back_and_continued_with_previous_response_id() {
    HttpResponse<String> first = create(body(quote("remember the word teal"), ""));
    assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
    String id = json(first).path("id").asText();

    HttpResponse<String> read =
        HttpCalls.get(coracle.url("/v1/responses/" + id), "authorization", "Bearer " + KEY);
    assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
    assertThat(json(read).path("id").asText()).isEqualTo(id);
    assertThat(json(read).at("/output/0/content/0/text").asText())
        .isEqualTo("echo: remember the word teal");

    HttpResponse<String> second =
        create(body(quote("which word?"), "\"previous_response_id\": " + quote(id)));
    assertThat(second.statusCode()).as(second.body()).isEqualTo(200);
    assertThat(json(second).path("previous_response_id").asText()).isEqualTo(id);
    JsonNode messages = cloud.requests("/v1/chat/completions").get(1).body().path("messages");
    assertThat(messages).hasSize(3);
    assertThat(messages.get(0).path("content").asText()).isEqualTo("remember the word teal");
    assertThat(messages.get(1).path("role").asText()).isEqualTo("assistant");
    assertThat(messages.get(1).path("content").asText()).isEqualTo("echo: remember the word teal");
    assertThat(messages.get(2).path("content").asText()).isEqualTo("which word?");
  }

  @Test
  void a_response_sent_with_store_false_is_not_kept() {
    HttpResponse<String> first = create(body(quote("forget me"), "\"store\": false"));
    assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
    String id = json(first).path("id").asText();

    HttpResponse<String> read =
        HttpCalls.get(coracle.url("/v1/responses/" + id), "authorization", "Bearer " + KEY);
    assertThat(read.statusCode()).isEqualTo(404);
    assertThat(json(read).at("/error/code").asText()).isEqualTo("not_found");
    assertThat(json(read).at("/error/message").asText()).contains(id);

    HttpResponse<String> next =
        create(body(quote("go on"), "\"previous_response_id\": " + quote(id)));
    assertThat(next.statusCode()).isEqualTo(400);
    assertThat(json(next).at("/error/param").asText()).isEqualTo("previous_response_id");
    assertThat(json(next).at("/error/code").asText()).isEqualTo("previous_response_not_found");
    assertThat(cloud.requests("/v1/chat/completions")).hasSize(1);
  }

  @Test
  void bad_input_is_a_400_naming_the_parameter_and_never_reaches_the_upstream() {
    Map<String, String> cases =
        Map.ofEntries(
            Map.entry("{\"input\": \"x\"}", "model"),
            Map.entry("{\"model\": \"" + MODEL + "\"}", "input"),
            Map.entry(body("5", ""), "input"),
            Map.entry(body("[]", ""), "input"),
            Map.entry(body("[{\"type\": \"bogus\", \"role\": \"user\"}]", ""), "input[0].type"),
            Map.entry(body("[{\"role\": \"wizard\", \"content\": \"x\"}]", ""), "input[0].role"),
            Map.entry(
                body(
                    "[{\"role\": \"user\", \"content\": [{\"type\": \"input_image\","
                        + " \"image_url\": \"http://x/y.png\"}]}]",
                    ""),
                "input[0].content[0].type"),
            Map.entry(
                body("[{\"type\": \"function_call_output\", \"output\": \"x\"}]", ""),
                "input[0].call_id"),
            Map.entry(
                body("[{\"role\": \"user\", \"content\": {\"a\": 1}}]", ""), "input[0].content"),
            Map.entry(body("\"x\"", "\"temperature\": \"hot\""), "temperature"),
            Map.entry(body("\"x\"", "\"temperature\": 7"), "temperature"),
            Map.entry(body("\"x\"", "\"stream\": \"yes\""), "stream"),
            Map.entry(body("\"x\"", "\"max_output_tokens\": 0"), "max_output_tokens"),
            Map.entry(body("\"x\"", "\"tools\": \"none\""), "tools"),
            Map.entry(body("\"x\"", "\"tools\": [{\"type\": \"function\"}]"), "tools[0].name"),
            Map.entry(body("\"x\"", "\"tool_choice\": \"sometimes\""), "tool_choice"),
            Map.entry(
                body("\"x\"", "\"text\": {\"format\": {\"type\": \"json_schema\"}}"),
                "text.format.name"),
            Map.entry(
                body("\"x\"", "\"text\": {\"format\": {\"type\": \"yaml\"}}"), "text.format.type"));
    SoftAssertions soft = new SoftAssertions();
    cases.forEach(
        (sent, param) -> {
          HttpResponse<String> answer = create(sent);
          soft.assertThat(answer.statusCode()).as(sent + " -> " + answer.body()).isEqualTo(400);
          JsonNode error = json(answer).path("error");
          soft.assertThat(error.path("param").asText()).as(sent).isEqualTo(param);
          soft.assertThat(error.path("type").asText()).as(sent).isEqualTo("invalid_request_error");
          soft.assertThat(error.path("message").asText()).as(sent).isNotBlank();
          soft.assertThat(answer.body()).as(sent).doesNotContain("java.", "Exception");
        });
    soft.assertAll();
    HttpResponse<String> askingForEvents =
        create(body("5", "\"stream\": true"), "accept", "text/event-stream");
    assertThat(askingForEvents.statusCode()).isEqualTo(400);
    assertThat(json(askingForEvents).at("/error/param").asText()).isEqualTo("input");
    HttpResponse<String> notJson = create("{not json");
    assertThat(notJson.statusCode()).isEqualTo(400);
    assertThat(json(notJson).at("/error/type").asText()).isEqualTo("invalid_request_error");
    HttpResponse<String> unknownModel = create("{\"model\": \"no-such-model\", \"input\": \"x\"}");
    assertThat(unknownModel.statusCode()).isEqualTo(404);
    assertThat(json(unknownModel).at("/error/code").asText()).isEqualTo("model_not_found");
    assertThat(cloud.requests("/v1/chat/completions")).isEmpty();
  }

  @Test
  void a_text_format_json_schema_reaches_the_upstream_as_its_response_format() {
    HttpResponse<String> answer =
        create(
            body(
                quote("give me json"),
                "\"store\": false, \"text\": {\"format\": {\"type\": \"json_schema\","
                    + " \"name\": \"answer\", \"strict\": true, \"schema\": {\"type\": \"object\","
                    + " \"properties\": {\"answer\": {\"type\": \"string\"}}}}}"));

    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    assertThat(parse(json(answer).at("/output/0/content/0/text").asText()).path("answer").asText())
        .isEqualTo("give me json");
    RecordedRequest sent = cloud.requests("/v1/chat/completions").get(0);
    assertThat(sent.body().at("/response_format/type").asText()).isEqualTo("json_schema");
    assertThat(sent.body().at("/response_format/json_schema/name").asText()).isEqualTo("answer");
  }

  @Test
  void the_door_refuses_a_foreign_host_and_a_missing_key() throws IOException {
    String request =
        "POST /v1/responses HTTP/1.1\r\nHost: evil.example:"
            + coracle.server().httpPort()
            + "\r\nAuthorization: Bearer "
            + KEY
            + "\r\nContent-Type: application/json\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}";
    assertThat(raw(request)).startsWith("HTTP/1.1 403");

    HttpResponse<String> noKey =
        HttpCalls.post(coracle.url("/v1/responses"), body(quote("hi"), ""));
    assertThat(noKey.statusCode()).isEqualTo(401);
    assertThat(json(noKey).at("/error/type").asText()).isEqualTo("authentication_error");
    HttpResponse<String> readNoKey = HttpCalls.get(coracle.url("/v1/responses/resp_x"));
    assertThat(readNoKey.statusCode()).isEqualTo(401);
    assertThat(cloud.requests("/v1/chat/completions")).isEmpty();
  }

  private static String raw(String request) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", coracle.server().httpPort())) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(request.getBytes(StandardCharsets.UTF_8));
      out.flush();
      InputStream in = socket.getInputStream();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** The JSON payloads of a server-sent-events body, in order. */
  static List<JsonNode> events(String body) {
    return HttpCalls.sseData(body).stream().map(HttpCalls::parse).toList();
  }

  static List<String> types(List<JsonNode> events) {
    return events.stream().map(e -> e.path("type").asText()).toList();
  }
}
