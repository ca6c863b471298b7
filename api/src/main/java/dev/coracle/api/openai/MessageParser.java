package dev.coracle.api.openai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.coracle.workflows.chat.ChatMessage;
import dev.coracle.workflows.chat.ToolCall;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Validates the {@code messages} array: roles, text content (parts are flattened), assistant tool
 * calls and tool results for agent mode.
 */
final class MessageParser {
  private static final Set<String> ROLES =
      Set.of("system", "developer", "user", "assistant", "tool");

  private MessageParser() {}

  static List<ChatMessage> parse(JsonNode messages) {
    if (messages == null || messages.isNull()) {
      throw OpenAiException.invalid("messages", "Missing required parameter: 'messages'");
    }
    if (!messages.isArray()) {
      throw OpenAiException.invalid("messages", "'messages' must be an array");
    }
    if (messages.isEmpty()) {
      throw OpenAiException.invalid("messages", "'messages' must contain at least one message");
    }
    List<ChatMessage> parsed = new ArrayList<>();
    for (int i = 0; i < messages.size(); i++) {
      parsed.add(message(messages.get(i), "messages[" + i + "]"));
    }
    if (parsed.stream().allMatch(MessageParser::isEmpty)) {
      throw OpenAiException.invalid(
          "messages",
          "The messages hold no text: every content is empty or blank once control characters are"
              + " removed");
    }
    return List.copyOf(parsed);
  }

  private static boolean isEmpty(ChatMessage message) {
    return (message.content() == null || message.content().isBlank())
        && message.toolCallsOrEmpty().isEmpty();
  }

  private static ChatMessage message(JsonNode node, String param) {
    if (!node.isObject()) {
      throw OpenAiException.invalid(param, "'" + param + "' must be an object");
    }
    JsonNode role = node.get("role");
    if (role == null || !role.isTextual()) {
      throw OpenAiException.invalid(param + ".role", "'" + param + ".role' must be a string");
    }
    if (!ROLES.contains(role.asText())) {
      throw OpenAiException.invalidValue(
          param + ".role",
          "Invalid value '"
              + role.asText()
              + "' for '"
              + param
              + ".role': expected one of system, developer, user, assistant, tool");
    }
    // Developer messages are OpenAI's newer name for system messages.
    String normalizedRole = "developer".equals(role.asText()) ? "system" : role.asText();
    String name = optionalText(node, "name", param);
    return switch (normalizedRole) {
      case "assistant" -> assistant(node, param, name);
      case "tool" -> toolResult(node, param);
      default ->
          new ChatMessage(
              normalizedRole, Content.text(node.get("content"), param, false), null, null, name);
    };
  }

  private static ChatMessage assistant(JsonNode node, String param, String name) {
    List<ToolCall> calls = toolCalls(node.get("tool_calls"), param + ".tool_calls");
    String content = Content.text(node.get("content"), param, true);
    return new ChatMessage("assistant", content, calls.isEmpty() ? null : calls, null, name);
  }

  private static ChatMessage toolResult(JsonNode node, String param) {
    JsonNode id = node.get("tool_call_id");
    if (id == null || !id.isTextual() || id.asText().isBlank()) {
      throw OpenAiException.invalid(
          param + ".tool_call_id", "A tool message needs the 'tool_call_id' it answers");
    }
    String content = Content.text(node.get("content"), param, false);
    return new ChatMessage("tool", content, null, id.asText(), null);
  }

  private static List<ToolCall> toolCalls(JsonNode calls, String param) {
    if (calls == null || calls.isNull()) {
      return List.of();
    }
    if (!calls.isArray()) {
      throw OpenAiException.invalid(param, "'" + param + "' must be an array");
    }
    List<ToolCall> parsed = new ArrayList<>();
    for (int i = 0; i < calls.size(); i++) {
      JsonNode call = calls.get(i);
      String callParam = param + "[" + i + "]";
      JsonNode function = call.path("function");
      if (!call.path("id").isTextual() || !function.path("name").isTextual()) {
        throw OpenAiException.invalid(
            callParam, "Each tool call needs an 'id' and a 'function.name'");
      }
      JsonNode arguments = function.get("arguments");
      String argumentsText =
          arguments == null || arguments.isNull()
              ? "{}"
              : arguments.isTextual() ? arguments.asText() : arguments.toString();
      parsed.add(
          new ToolCall(call.get("id").asText(), function.get("name").asText(), argumentsText));
    }
    return List.copyOf(parsed);
  }

  private static String optionalText(JsonNode node, String field, String param) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isTextual()) {
      throw OpenAiException.invalid(
          param + "." + field, "'" + param + "." + field + "' must be a string");
    }
    return value.asText();
  }
}
