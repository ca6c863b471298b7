package dev.coracle.api.openai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.coracle.workflows.chat.ChatMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Validates the {@code messages} array and flattens text content parts into plain text. */
final class MessageParser {
  private static final Set<String> ROLES = Set.of("system", "developer", "user", "assistant");

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
    return List.copyOf(parsed);
  }

  private static ChatMessage message(JsonNode node, String param) {
    if (!node.isObject()) {
      throw OpenAiException.invalid(param, "'" + param + "' must be an object");
    }
    JsonNode role = node.get("role");
    if (role == null || !role.isTextual()) {
      throw OpenAiException.invalid(param + ".role", "'" + param + ".role' must be a string");
    }
    if ("tool".equals(role.asText()) || "function".equals(role.asText())) {
      throw OpenAiException.invalidValue(
          param + ".role",
          "Tool results (role '"
              + role.asText()
              + "') need agent mode, which this coracle"
              + " version does not support yet");
    }
    if (!ROLES.contains(role.asText())) {
      throw OpenAiException.invalidValue(
          param + ".role",
          "Invalid value '"
              + role.asText()
              + "' for '"
              + param
              + ".role': expected one of system, developer, user, assistant");
    }
    // Developer messages are OpenAI's newer name for system messages.
    String normalizedRole = "developer".equals(role.asText()) ? "system" : role.asText();
    return new ChatMessage(normalizedRole, content(node.get("content"), param, normalizedRole));
  }

  private static String content(JsonNode content, String param, String role) {
    if (content == null || content.isNull()) {
      if ("assistant".equals(role)) {
        return "";
      }
      throw OpenAiException.invalid(
          param + ".content", "Missing required parameter: '" + param + ".content'");
    }
    if (content.isTextual()) {
      return content.asText();
    }
    if (!content.isArray()) {
      throw OpenAiException.invalid(
          param + ".content", "'" + param + ".content' must be a string or an array of parts");
    }
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < content.size(); i++) {
      JsonNode part = content.get(i);
      String partParam = param + ".content[" + i + "]";
      if (!part.isObject() || !"text".equals(part.path("type").asText())) {
        throw OpenAiException.invalidValue(
            partParam,
            "Only text content parts are supported (got '" + part.path("type").asText() + "')");
      }
      if (!part.path("text").isTextual()) {
        throw OpenAiException.invalid(
            partParam + ".text", "'" + partParam + ".text' must be a string");
      }
      text.append(part.get("text").asText());
    }
    return text.toString();
  }
}
