package dev.coracle.api.mcp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.coracle.activities.json.CoracleJson;

/**
 * JSON-RPC 2.0 error responses, the shape an MCP client expects for any error on {@code /mcp},
 * including those the HTTP layer raises before a message is read (so their {@code id} is null).
 */
public final class JsonRpcErrors {
  /** The body is not JSON. */
  public static final int PARSE_ERROR = -32700;

  /** The body is JSON but not a request this server takes, or HTTP refused it. */
  public static final int INVALID_REQUEST = -32600;

  /** The request is well formed but its params are not what the method takes. */
  public static final int INVALID_PARAMS = -32602;

  public static final int INTERNAL_ERROR = -32603;

  private static final ObjectMapper JSON = CoracleJson.mapper();

  private JsonRpcErrors() {}

  /** The code for an HTTP error status: internal for 5xx, invalid request otherwise. */
  public static int codeFor(int status) {
    return status >= 500 ? INTERNAL_ERROR : INVALID_REQUEST;
  }

  public static String body(int code, String message) {
    return body(null, code, message);
  }

  /**
   * @param id the id of the request this answers, or null when it could not be read
   */
  public static String body(JsonNode id, int code, String message) {
    return body(id, code, message, null);
  }

  /**
   * @param reason a machine-readable reason in {@code error.data.reason} (the same code the OpenAI
   *     door puts in {@code error.code}), or null for none
   */
  public static String body(JsonNode id, int code, String message, String reason) {
    ObjectNode body = JSON.createObjectNode().put("jsonrpc", "2.0");
    body.set("id", id == null ? JSON.nullNode() : id);
    ObjectNode error = body.putObject("error").put("code", code).put("message", message);
    if (reason != null) {
      error.putObject("data").put("reason", reason);
    }
    try {
      return JSON.writeValueAsString(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("an error of a few strings is always serializable", e);
    }
  }
}
