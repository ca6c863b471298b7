package dev.coracle.api.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What every answer must be, whatever was asked: not a 5xx, no stack trace, and an error in the
 * shape of its door (OpenAI's error object on {@code /v1} and {@code /api}, a JSON-RPC error on
 * {@code /mcp}), in the body and in any error event of a stream.
 */
final class ResponseChecks {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** A Java frame ({@code at a.b.C.m(C.java:12)}) or a qualified exception class name. */
  private static final Pattern STACK_TRACE =
      Pattern.compile(
          "\\bat (?:[\\w$]+\\.)+[\\w$<>]+\\((?:[\\w$]+\\.(?:java|kt):\\d+|Native Method|Unknown"
              + " Source)\\)|\\b(?:[a-z_][a-z0-9_]*\\.)+[A-Z][\\w$]*(?:Exception|Error)\\b"
              + "|\\n\\s+at [\\w$.]+\\(");

  private ResponseChecks() {}

  /** The answer as the checks see it. */
  record Answer(int status, String contentType, String body) {
    boolean isStream() {
      return contentType != null && contentType.startsWith("text/event-stream");
    }
  }

  /** Everything wrong with {@code answer} to {@code request}; empty when it is fine. */
  static List<String> problems(FuzzRequest request, Answer answer) {
    List<String> problems = new ArrayList<>();
    if (answer.status() >= 500) {
      problems.add("answered " + answer.status());
    }
    if (STACK_TRACE.matcher(answer.body()).find()) {
      problems.add("stack trace or exception class in the body");
    }
    FuzzRoute.Door door = FuzzRoute.Door.of(request.path());
    if (answer.status() >= 400 && !"HEAD".equals(request.method())) {
      String shape =
          switch (door) {
            case MCP -> jsonRpcError(answer.body());
            case ANTHROPIC -> anthropic(answer.body());
            case OPENAI -> openAi(answer.body());
            case DASHBOARD -> htmlPage(answer.body()) == null ? null : openAi(answer.body());
          };
      if (!isUri(request.path()) && openAi(answer.body()) == null) {
        // A target that is not a URI reaches no route, so the default door's shape is right.
        shape = null;
      }
      if (shape != null) {
        problems.add("error not in the " + door + " shape: " + shape);
      }
    } else if (answer.isStream()) {
      for (String line : answer.body().split("\n")) {
        if (line.startsWith("data:") && line.contains("\"error\"")) {
          String data = line.substring(5).strip();
          String shape = door == FuzzRoute.Door.ANTHROPIC ? anthropic(data) : openAi(data);
          if (shape != null) {
            problems.add("stream error event not in the " + door + " shape: " + shape);
          }
        }
      }
    }
    return problems;
  }

  /** True when the server refused the request: an HTTP error, or an MCP error or failed tool. */
  static boolean rejected(FuzzRequest request, Answer answer) {
    if (answer.status() >= 400) {
      return true;
    }
    if (FuzzRoute.Door.of(request.path()) != FuzzRoute.Door.MCP || answer.body().isEmpty()) {
      return false;
    }
    JsonNode body = parse(answer.body());
    return body == null
        || body.has("error")
        || body.path("result").path("isError").asBoolean(false);
  }

  /** Null when {@code body} is OpenAI's error object with all four keys, else what is wrong. */
  static String openAi(String body) {
    JsonNode root = parse(body);
    if (root == null) {
      return "not JSON: " + abbreviate(body);
    }
    JsonNode error = root.path("error");
    if (!error.isObject()) {
      return "no 'error' object: " + abbreviate(body);
    }
    if (!error.path("message").isTextual() || error.path("message").asText().isBlank()) {
      return "no message: " + abbreviate(body);
    }
    if (!error.path("type").isTextual()) {
      return "no type: " + abbreviate(body);
    }
    for (String key : List.of("param", "code")) {
      if (!error.has(key) || !(error.get(key).isNull() || error.get(key).isTextual())) {
        return "'" + key + "' missing or not a string: " + abbreviate(body);
      }
    }
    return null;
  }

  /** Null when {@code body} is a whole HTML page with a heading, as the dashboard's errors are. */
  static String htmlPage(String body) {
    return body.startsWith("<!DOCTYPE html>") && body.contains("<h1>")
        ? null
        : "not an HTML page: " + abbreviate(body);
  }

  /** Null when {@code body} is Anthropic's {@code {"type":"error","error":{type, message}}}. */
  static String anthropic(String body) {
    JsonNode root = parse(body);
    if (root == null) {
      return "not JSON: " + abbreviate(body);
    }
    JsonNode error = root.path("error");
    if (!"error".equals(root.path("type").asText())
        || !error.path("type").isTextual()
        || !error.path("message").isTextual()
        || error.path("message").asText().isBlank()) {
      return "not an Anthropic error: " + abbreviate(body);
    }
    return null;
  }

  /** Null when {@code body} is a JSON-RPC 2.0 error response, else what is wrong. */
  static String jsonRpcError(String body) {
    JsonNode root = parse(body);
    if (root == null) {
      return "not JSON: " + abbreviate(body);
    }
    JsonNode error = root.path("error");
    if (!"2.0".equals(root.path("jsonrpc").asText())
        || !root.has("id")
        || !error.path("code").isInt()
        || !error.path("message").isTextual()) {
      return "not a JSON-RPC error: " + abbreviate(body);
    }
    return null;
  }

  private static boolean isUri(String target) {
    try {
      URI.create(target);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  static JsonNode parse(String body) {
    try {
      JsonNode node = JSON.readTree(body);
      return node == null || node.isMissingNode() ? null : node;
    } catch (IOException e) {
      return null;
    }
  }

  static String abbreviate(String text) {
    return text.length() <= 200 ? text : text.substring(0, 200) + "…";
  }
}
