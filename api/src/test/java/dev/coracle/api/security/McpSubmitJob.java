package dev.coracle.api.security;

import static dev.coracle.api.HttpCalls.json;
import static dev.coracle.api.HttpCalls.post;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.coracle.api.HttpCalls;
import java.net.http.HttpResponse;

/** The MCP {@code submit_job} tool called over coracle's {@code /mcp}, as a JSON-RPC request. */
final class McpSubmitJob {

  private McpSubmitJob() {}

  /**
   * @return the tool's result: {@code isError} and the text of its first content block
   */
  static JsonNode call(String baseUrl, String prompt, String workspace) {
    ObjectNode request = HttpCalls.JSON.createObjectNode();
    request.put("jsonrpc", "2.0").put("id", 1).put("method", "tools/call");
    ObjectNode params = request.putObject("params");
    params.put("name", "submit_job");
    params.putObject("arguments").put("prompt", prompt).put("workspace", workspace);
    HttpResponse<String> response =
        post(baseUrl + "/mcp", request.toString(), "accept", "application/json, text/event-stream");
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    JsonNode result = json(response).path("result");
    assertThat(result.isMissingNode()).as(response.body()).isFalse();
    return result;
  }

  static String text(JsonNode result) {
    return result.at("/content/0/text").asText();
  }
}
