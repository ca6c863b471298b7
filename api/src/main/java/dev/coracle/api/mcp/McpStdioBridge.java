package dev.coracle.api.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.coracle.activities.json.CoracleJson;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.util.Optional;

/**
 * Relays one JSON-RPC line to coracle's {@code /mcp}. When coracle cannot be reached a request
 * still gets an answer, an error naming the URL, so the client does not wait forever.
 */
final class McpStdioBridge {
  private static final ObjectMapper JSON = CoracleJson.mapper();

  private final HttpClient http;
  private final URI endpoint;
  private final Optional<String> key;

  /**
   * @param key the API key to send, empty when coracle runs without one
   */
  McpStdioBridge(HttpClient http, URI endpoint, Optional<String> key) {
    this.http = http;
    this.endpoint = endpoint;
    this.key = key;
  }

  /** The line to write back, or empty for a notification. */
  Optional<String> relay(String line) {
    JsonNode id = idOf(line);
    try {
      HttpResponse<String> response =
          http.send(
              McpServeCommand.post(endpoint, line, key).build(),
              HttpResponse.BodyHandlers.ofString());
      String body = response.body();
      if (body != null && !body.isBlank()) {
        return Optional.of(answering(id, JSON.readTree(body)).toString());
      }
      return id == null || McpServeCommand.ok(response)
          ? Optional.empty()
          : Optional.of(error(id, "coracle answered HTTP " + response.statusCode()));
    } catch (IOException e) {
      return id == null
          ? Optional.empty()
          : Optional.of(error(id, "cannot reach coracle at " + endpoint + ": " + e.getMessage()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  /**
   * coracle's front door refuses a request (no key, wrong key) before reading it, so its JSON-RPC
   * error carries no id; the client would never match it to its request without the id put back.
   */
  private static JsonNode answering(JsonNode id, JsonNode answer) {
    if (id != null
        && answer instanceof ObjectNode object
        && object.has("error")
        && object.path("id").isNull()) {
      object.set("id", id);
    }
    return answer;
  }

  private static JsonNode idOf(String line) {
    try {
      JsonNode id = JSON.readTree(line).get("id");
      return id == null || id.isNull() ? null : id;
    } catch (IOException e) {
      return null;
    }
  }

  private static String error(JsonNode id, String message) {
    ObjectNode error = JSON.createObjectNode().put("jsonrpc", "2.0");
    error.set("id", id);
    error.putObject("error").put("code", -32603).put("message", message);
    return error.toString();
  }
}
