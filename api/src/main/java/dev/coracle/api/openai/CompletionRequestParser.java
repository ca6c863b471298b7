package dev.coracle.api.openai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.coracle.workflows.chat.AgentTools;
import dev.coracle.workflows.chat.ChatMessage;
import dev.coracle.workflows.chat.SamplingParams;
import java.util.ArrayList;
import java.util.List;

/**
 * Validates a {@code /v1/chat/completions} body the way OpenAI does: each problem is a 400 that
 * names the offending parameter. Fields coracle does not use (user, metadata, penalties) are
 * accepted and ignored, as clients send them routinely.
 */
public final class CompletionRequestParser {
  private CompletionRequestParser() {}

  public static ParsedCompletion parse(String body) {
    JsonNode root = JsonBody.readObject(body);
    String model = requireString(root, "model");
    List<ChatMessage> messages = MessageParser.parse(root.get("messages"));
    AgentTools tools = ToolsParser.parse(root);
    Integer n = optionalInt(root, "n", Integer.MIN_VALUE, Integer.MAX_VALUE);
    if (n != null && n != 1) {
      throw OpenAiException.invalidValue("n", "Only n=1 is supported");
    }
    boolean stream = optionalBoolean(root, "stream");
    boolean includeUsage = false;
    JsonNode streamOptions = root.get("stream_options");
    if (streamOptions != null && !streamOptions.isNull()) {
      if (!streamOptions.isObject()) {
        throw OpenAiException.invalid("stream_options", "stream_options must be an object");
      }
      includeUsage = optionalBoolean(streamOptions, "include_usage");
    }
    return new ParsedCompletion(
        model, messages, params(root), stream, includeUsage, tools, McpToolsParser.parse(root));
  }

  private static SamplingParams params(JsonNode root) {
    Integer maxTokens = optionalInt(root, "max_completion_tokens", 1, Integer.MAX_VALUE);
    if (maxTokens == null) {
      maxTokens = optionalInt(root, "max_tokens", 1, Integer.MAX_VALUE);
    }
    return new SamplingParams(
        maxTokens,
        optionalNumber(root, "temperature", 0, 2),
        optionalNumber(root, "top_p", 0, 1),
        stop(root.get("stop")),
        optionalInt(root, "seed", Integer.MIN_VALUE, Integer.MAX_VALUE),
        ResponseFormatParser.parse(root));
  }

  private static String requireString(JsonNode root, String field) {
    JsonNode node = root.get(field);
    if (node == null || node.isNull()) {
      throw OpenAiException.invalid(field, "Missing required parameter: '" + field + "'");
    }
    if (!node.isTextual() || node.asText().isBlank()) {
      throw OpenAiException.invalid(field, "'" + field + "' must be a non-empty string");
    }
    return node.asText();
  }

  static boolean optionalBoolean(JsonNode root, String field) {
    JsonNode node = root.get(field);
    if (node == null || node.isNull()) {
      return false;
    }
    if (!node.isBoolean()) {
      throw OpenAiException.invalid(field, "'" + field + "' must be a boolean");
    }
    return node.booleanValue();
  }

  private static Double optionalNumber(JsonNode root, String field, double min, double max) {
    JsonNode node = root.get(field);
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isNumber()) {
      throw OpenAiException.invalid(field, "'" + field + "' must be a number");
    }
    double value = node.doubleValue();
    if (value < min || value > max) {
      throw OpenAiException.invalidValue(
          field, "'" + field + "' must be between " + min + " and " + max + " (got " + value + ")");
    }
    return value;
  }

  private static Integer optionalInt(JsonNode root, String field, int min, int max) {
    JsonNode node = root.get(field);
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isIntegralNumber() || !node.canConvertToInt()) {
      throw OpenAiException.invalid(field, "'" + field + "' must be an integer");
    }
    int value = node.intValue();
    if (value < min || value > max) {
      throw OpenAiException.invalidValue(
          field, "'" + field + "' must be at least " + min + " (got " + value + ")");
    }
    return value;
  }

  private static List<String> stop(JsonNode node) {
    if (node == null || node.isNull()) {
      return List.of();
    }
    if (node.isTextual()) {
      return List.of(node.asText());
    }
    if (!node.isArray() || node.size() > 4) {
      throw OpenAiException.invalid(
          "stop", "'stop' must be a string or an array of up to 4 strings");
    }
    List<String> stops = new ArrayList<>();
    for (JsonNode item : node) {
      if (!item.isTextual()) {
        throw OpenAiException.invalid("stop", "'stop' must contain only strings");
      }
      stops.add(item.asText());
    }
    return List.copyOf(stops);
  }
}
