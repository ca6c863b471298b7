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
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * MCP tools in chat completions, against a real MCP server over streamable HTTP: coracle's own
 * {@code /mcp}. The fake upstream calls the first tool it is offered, then answers "tool said:
 * <result>", so the answer shows whether coracle ran the loop itself.
 */
class McpChatToolsIT {
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

  /** coracle's get_status (no id: the unfinished jobs), then the client's own read_file. */
  private String request(String serverUrl, String extra) {
    return """
        {"model": "fake/echo", "messages": [{"role": "user", "content": "any jobs running?"}],
         "tools": [
           {"type": "mcp", "server_label": "coracle", "server_url": "%s",
            "allowed_tools": ["get_status"], "headers": {"X-Test-Token": "not-a-secret"}},
           {"type": "function", "function": {"name": "read_file",
            "parameters": {"type": "object", "properties": {"path": {"type": "string"}}}}}]%s}
        """
        .formatted(serverUrl, extra.isEmpty() ? "" : ", " + extra);
  }

  private List<RecordedRequest> upstreamCalls() {
    return cloud.requests("/v1/chat/completions");
  }

  @Test
  void mcp_tool_result_reaches_the_model_and_only_the_answer_reaches_the_client() {
    HttpResponse<String> response = post(url(), request(coracle.baseUrl() + "/mcp", ""));

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    JsonNode choice = json(response).at("/choices/0");
    assertThat(choice.path("finish_reason").asText()).isEqualTo("stop");
    assertThat(
            choice.at("/message/tool_calls").isMissingNode()
                || choice.at("/message/tool_calls").isNull())
        .as("no tool call reaches the client")
        .isTrue();
    List<RecordedRequest> calls = upstreamCalls();
    assertThat(calls).hasSize(2);
    JsonNode offered = calls.get(0).body().path("tools");
    assertThat(offered.at("/0/function/name").asText()).isEqualTo("mcp__coracle__get_status");
    assertThat(offered.at("/1/function/name").asText()).isEqualTo("read_file");
    JsonNode messages = calls.get(1).body().path("messages");
    JsonNode toolTurn = messages.get(messages.size() - 1);
    assertThat(toolTurn.path("role").asText()).isEqualTo("tool");
    String toolResult = toolTurn.path("content").asText();
    assertThat(parse(toolResult).isObject()).as("get_status answers JSON: " + toolResult).isTrue();
    assertThat(choice.at("/message/content").asText()).isEqualTo("tool said: " + toolResult);
  }

  @Test
  void streamed_mcp_chat_sends_the_final_answer_without_mcp_tool_call_deltas() {
    HttpResponse<String> response =
        post(url(), request(coracle.baseUrl() + "/mcp", "\"stream\": true"));

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    List<String> data = sseData(response.body());
    assertThat(data).last().isEqualTo("[DONE]");
    StringBuilder content = new StringBuilder();
    String finish = null;
    for (String chunk : data.subList(0, data.size() - 1)) {
      JsonNode choice = parse(chunk).at("/choices/0");
      assertThat(choice.at("/delta/tool_calls").isMissingNode()).as(chunk).isTrue();
      content.append(choice.at("/delta/content").asText(""));
      if (choice.path("finish_reason").isTextual()) {
        finish = choice.path("finish_reason").asText();
      }
    }
    assertThat(response.body()).doesNotContain("mcp__");
    assertThat(content.toString()).startsWith("tool said: {");
    assertThat(finish).isEqualTo("stop");
    assertThat(upstreamCalls()).hasSize(2);
  }

  @Test
  void unreachable_mcp_server_is_a_502_naming_its_label() {
    HttpResponse<String> response = post(url(), request("http://127.0.0.1:9/mcp", ""));

    assertThat(response.statusCode()).as(response.body()).isEqualTo(502);
    JsonNode error = json(response).path("error");
    assertThat(error.path("code").asText()).isEqualTo("mcp_server_unavailable");
    assertThat(error.path("message").asText()).contains("'coracle'");
    assertThat(response.body()).doesNotContain("not-a-secret");
    assertThat(upstreamCalls()).isEmpty();
  }

  @Test
  void mcp_tool_without_a_server_url_is_a_400_naming_the_field() {
    String body =
        """
        {"model": "fake/echo", "messages": [{"role": "user", "content": "hi"}],
         "tools": [{"type": "mcp", "server_label": "docs"}]}
        """;
    HttpResponse<String> response = post(url(), body);

    assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
    assertThat(json(response).at("/error/param").asText()).isEqualTo("tools[0].server_url");
  }

  @Test
  void mcp_label_with_a_space_is_a_400_naming_the_field() {
    String body =
        """
        {"model": "fake/echo", "messages": [{"role": "user", "content": "hi"}],
         "tools": [{"type": "mcp", "server_label": "my docs", "server_url": "http://x/mcp"}]}
        """;
    HttpResponse<String> response = post(url(), body);

    assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
    assertThat(json(response).at("/error/param").asText()).isEqualTo("tools[0].server_label");
  }
}
