package dev.coracle.api;

import static dev.coracle.api.HttpCalls.json;
import static dev.coracle.api.HttpCalls.parse;
import static dev.coracle.api.HttpCalls.post;
import static dev.coracle.api.HttpCalls.sseData;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.coracle.fakes.FakeOllamaServer;
import dev.coracle.fakes.FakeOpenAiServer;
import dev.coracle.fakes.RecordedRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Coracle as a model for coding agents: tools in, tool calls out, tool results back. */
class AgentModeIT {
  static final String TOOLS =
      """
      "tools": [{"type": "function", "function": {"name": "read_file",
        "description": "Read a file of the workspace",
        "parameters": {"type": "object", "required": ["path"],
          "properties": {"path": {"type": "string", "description": "relative path"},
                         "mode": {"type": "string", "enum": ["text", "bytes"]}}}}}]""";

  @TempDir static Path home;
  static FakeOllamaServer ollama;
  static FakeOpenAiServer cloud;
  static CoracleUnderTest coracle;

  @BeforeAll
  static void start() {
    ollama = new FakeOllamaServer().start();
    cloud = new FakeOpenAiServer().start();
    coracle =
        CoracleUnderTest.start(
            home,
            CoracleUnderTest.withOllama(
                ollama.baseUrl(),
                "qwen-echo:7b",
                "providers:\n" + CoracleUnderTest.openAiProvider("fake", cloud.baseUrl(), "echo")));
  }

  @AfterAll
  static void stop() {
    coracle.close();
    cloud.close();
    ollama.close();
  }

  @BeforeEach
  void clear() {
    ollama.reset();
    cloud.reset();
  }

  private String url() {
    return coracle.baseUrl() + "/v1/chat/completions";
  }

  private static String agentRequest(String model, String text, String extra) {
    return """
        {"model": "%s", "messages": [{"role": "user", "content": %s}], %s%s}
        """
        .formatted(model, HttpCalls.quote(text), TOOLS, extra.isEmpty() ? "" : ", " + extra);
  }

  @Test
  void tool_call_comes_back_in_openai_shape_from_the_cloud_model() {
    HttpResponse<String> response = post(url(), agentRequest("fake/echo", "open README.md", ""));

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    JsonNode message = json(response).at("/choices/0/message");
    assertThat(json(response).at("/choices/0/finish_reason").asText()).isEqualTo("tool_calls");
    assertThat(message.path("content").isNull()).isTrue();
    JsonNode call = message.path("tool_calls").get(0);
    assertThat(call.path("id").asText()).isNotBlank();
    assertThat(call.path("type").asText()).isEqualTo("function");
    assertThat(call.at("/function/name").asText()).isEqualTo("read_file");
    assertThat(parse(call.at("/function/arguments").asText()).path("query").asText())
        .isEqualTo("open README.md");
    JsonNode sentTools = cloud.requests("/v1/chat/completions").get(0).body().path("tools");
    assertThat(sentTools.at("/0/function/parameters/properties/mode/enum").toString())
        .isEqualTo("[\"text\",\"bytes\"]");
    assertThat(sentTools.at("/0/function/parameters/required/0").asText()).isEqualTo("path");
  }

  @Test
  void streamed_tool_call_has_index_id_and_argument_fragments() {
    HttpResponse<String> response =
        post(url(), agentRequest("fake/echo", "open pom.xml", "\"stream\": true"));

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    List<String> data = sseData(response.body());
    assertThat(data).last().isEqualTo("[DONE]");
    List<JsonNode> toolDeltas = new ArrayList<>();
    String finish = null;
    for (String chunk : data.subList(0, data.size() - 1)) {
      JsonNode choice = parse(chunk).at("/choices/0");
      if (choice.at("/delta/tool_calls").isArray()) {
        toolDeltas.add(choice.at("/delta/tool_calls/0"));
      }
      if (choice.path("finish_reason").isTextual()) {
        finish = choice.path("finish_reason").asText();
      }
    }
    assertThat(finish).isEqualTo("tool_calls");
    assertThat(toolDeltas.size()).as("the arguments arrive in pieces").isGreaterThan(2);
    assertThat(toolDeltas).allSatisfy(d -> assertThat(d.path("index").asInt()).isZero());
    assertThat(toolDeltas.get(0).path("id").asText()).isNotBlank();
    assertThat(toolDeltas.get(0).at("/function/name").asText()).isEqualTo("read_file");
    assertThat(toolDeltas.subList(1, toolDeltas.size()))
        .allSatisfy(d -> assertThat(d.has("id")).isFalse());
    StringBuilder arguments = new StringBuilder();
    toolDeltas.forEach(d -> arguments.append(d.at("/function/arguments").asText()));
    assertThat(parse(arguments.toString()).path("query").asText()).isEqualTo("open pom.xml");
  }

  @Test
  void tool_result_goes_back_to_the_model_and_the_answer_uses_it() {
    String body =
        """
        {"model": "fake/echo", %s, "messages": [
          {"role": "user", "content": "open README.md"},
          {"role": "assistant", "content": null, "tool_calls": [{"id": "call_1", "type": "function",
            "function": {"name": "read_file", "arguments": "{\\"path\\":\\"README.md\\"}"}}]},
          {"role": "tool", "tool_call_id": "call_1", "content": "# coracle"}]}
        """
            .formatted(TOOLS);
    HttpResponse<String> response = post(url(), body);

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertThat(json(response).at("/choices/0/message/content").asText())
        .isEqualTo("tool said: # coracle");
    JsonNode sent = cloud.requests("/v1/chat/completions").get(0).body().path("messages");
    assertThat(sent.get(1).at("/tool_calls/0/id").asText()).isEqualTo("call_1");
    assertThat(sent.get(2).path("role").asText()).isEqualTo("tool");
    assertThat(sent.get(2).path("tool_call_id").asText()).isEqualTo("call_1");
  }

  @Test
  void local_ollama_model_answers_agents_with_tool_calls_too() {
    HttpResponse<String> response = post(url(), agentRequest("coracle-fast", "list src", ""));

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertThat(response.headers().firstValue("x-coracle-provider")).contains("ollama");
    JsonNode call = json(response).at("/choices/0/message/tool_calls/0");
    assertThat(call.path("id").asText()).startsWith("call_");
    assertThat(call.at("/function/name").asText()).isEqualTo("read_file");
    RecordedRequest sent = ollama.requests("/api/chat").get(0);
    assertThat(sent.body().at("/tools/0/function/name").asText()).isEqualTo("read_file");
  }

  @Test
  void tool_choice_naming_an_unknown_function_is_a_400() {
    String extra = "\"tool_choice\": {\"type\": \"function\", \"function\": {\"name\": \"nope\"}}";
    HttpResponse<String> response = post(url(), agentRequest("fake/echo", "x", extra));

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(json(response).at("/error/param").asText()).isEqualTo("tool_choice");
  }

  @Test
  void json_schema_response_format_reaches_the_model_and_the_answer_is_json() {
    String body =
        HttpCalls.chat(
            "fake/echo",
            "give me json",
            """
            "response_format": {"type": "json_schema", "json_schema": {"name": "answer",
              "schema": {"type": "object", "properties": {"answer": {"type": "string"}}}}}""");
    HttpResponse<String> response = post(url(), body);

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertThat(
            parse(json(response).at("/choices/0/message/content").asText()).path("answer").asText())
        .isEqualTo("give me json");
    JsonNode sent = cloud.requests("/v1/chat/completions").get(0).body();
    assertThat(sent.at("/response_format/type").asText()).isEqualTo("json_schema");
    assertThat(sent.at("/response_format/json_schema/name").asText()).isEqualTo("answer");
  }
}
