package dev.coracle.api.mcp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.coracle.activities.json.CoracleJson;
import java.util.Optional;

/**
 * Checks a POSTed JSON-RPC message before the MCP SDK reads it. The SDK assumes a well-formed
 * message (a {@code null} body or a {@code tools/call} without params makes it throw), so anything
 * else is answered here with the JSON-RPC error that names the problem.
 */
final class McpMessageCheck {
  private static final ObjectMapper JSON = CoracleJson.mapper();

  private McpMessageCheck() {}

  /** A refused message: the HTTP status and the JSON-RPC error body to send. */
  record Refusal(int status, String body) {}

  static Optional<Refusal> check(String body) {
    JsonNode message;
    try {
      message = JSON.readTree(body);
    } catch (JsonProcessingException e) {
      return refuse(400, null, JsonRpcErrors.PARSE_ERROR, "The body is not JSON");
    }
    if (message == null || !message.isObject()) {
      return refuse(
          400, null, JsonRpcErrors.INVALID_REQUEST, "The body must be one JSON-RPC object");
    }
    JsonNode id = message.get("id");
    boolean validId = id == null || id.isTextual() || id.isIntegralNumber();
    if (!"2.0".equals(message.path("jsonrpc").asText(null)) || !validId) {
      return refuse(
          400,
          null,
          JsonRpcErrors.INVALID_REQUEST,
          "A JSON-RPC 2.0 message needs \"jsonrpc\": \"2.0\" and a string or integer id");
    }
    if (!message.has("method")) {
      return Optional.empty(); // A response; the transport refuses it.
    }
    if (!message.get("method").isTextual()) {
      return refuse(400, id, JsonRpcErrors.INVALID_REQUEST, "'method' must be a string");
    }
    return params(message, id);
  }

  private static Optional<Refusal> params(JsonNode message, JsonNode id) {
    JsonNode params = message.get("params");
    if (params != null && !params.isNull() && !params.isObject()) {
      return invalidParams(id, "'params' must be an object");
    }
    if (!"tools/call".equals(message.get("method").asText())) {
      return Optional.empty();
    }
    if (params == null || !params.path("name").isTextual()) {
      return invalidParams(id, "tools/call needs params with the tool's 'name'");
    }
    JsonNode arguments = params.get("arguments");
    if (arguments != null && !arguments.isNull() && !arguments.isObject()) {
      return invalidParams(id, "tools/call 'arguments' must be an object");
    }
    return Optional.empty();
  }

  /**
   * A request (it has an id) is answered as JSON-RPC answers any request, with 200; a notification
   * gets no JSON-RPC answer, so the HTTP status says it was refused.
   */
  private static Optional<Refusal> invalidParams(JsonNode id, String message) {
    return refuse(id == null ? 400 : 200, id, JsonRpcErrors.INVALID_PARAMS, message);
  }

  private static Optional<Refusal> refuse(int status, JsonNode id, int code, String message) {
    return Optional.of(new Refusal(status, JsonRpcErrors.body(id, code, message)));
  }
}
