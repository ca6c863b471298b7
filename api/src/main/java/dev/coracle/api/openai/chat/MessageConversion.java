package dev.coracle.api.openai.chat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.coracle.api.openai.OpenAiException;
import dev.coracle.api.openai.RequestText;
import dev.coracle.workflows.chat.ChatMessage;
import dev.coracle.workflows.chat.ToolCall;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Checks {@code messages} and turns them into chat messages: roles, text content (parts are
 * flattened and cleaned by {@link RequestText}), assistant tool calls and tool results for agent
 * mode.
 */
final class MessageConversion {
  private static final Set<String> ROLES =
      Set.of("system", "developer", "user", "assistant", "tool");

  private MessageConversion() {}

  static List<ChatMessage> messages(List<ChatCompletionRequest.Message> messages) {
    if (messages == null) {
      throw OpenAiException.invalid("messages", "Missing required parameter: 'messages'");
    }
    if (messages.isEmpty()) {
      throw OpenAiException.invalid("messages", "'messages' must contain at least one message");
    }
    List<ChatMessage> converted = new ArrayList<>();
    for (int i = 0; i < messages.size(); i++) {
      converted.add(message(messages.get(i), "messages[" + i + "]"));
    }
    if (converted.stream().allMatch(MessageConversion::isEmpty)) {
      throw OpenAiException.invalid(
          "messages",
          "The messages hold no text: every content is empty or blank once control characters are"
              + " removed");
    }
    return List.copyOf(converted);
  }

  private static boolean isEmpty(ChatMessage message) {
    return (message.content() == null || message.content().isBlank())
        && message.toolCallsOrEmpty().isEmpty();
  }

  private static ChatMessage message(ChatCompletionRequest.Message message, String param) {
    if (message == null) {
      throw OpenAiException.invalid(param, "'" + param + "' must be an object");
    }
    String role = message.role();
    if (role == null) {
      throw OpenAiException.invalid(param + ".role", "'" + param + ".role' must be a string");
    }
    if (!ROLES.contains(role)) {
      throw OpenAiException.invalidValue(
          param + ".role",
          "Invalid value '"
              + role
              + "' for '"
              + param
              + ".role': expected one of system, developer, user, assistant, tool");
    }
    return switch (role) {
      case "assistant" -> assistant(message, param);
      case "tool" -> toolResult(message, param);
      // Developer messages are OpenAI's newer name for system messages.
      case "developer" -> plain("system", message, param);
      default -> plain(role, message, param);
    };
  }

  private static ChatMessage plain(
      String role, ChatCompletionRequest.Message message, String param) {
    return new ChatMessage(role, text(message.content(), param, false), null, null, message.name());
  }

  private static ChatMessage assistant(ChatCompletionRequest.Message message, String param) {
    List<ToolCall> calls = toolCalls(message.toolCalls(), param + ".tool_calls");
    String content = text(message.content(), param, true);
    return new ChatMessage(
        "assistant", content, calls.isEmpty() ? null : calls, null, message.name());
  }

  private static ChatMessage toolResult(ChatCompletionRequest.Message message, String param) {
    String id = message.toolCallId();
    if (id == null || id.isBlank()) {
      throw OpenAiException.invalid(
          param + ".tool_call_id", "A tool message needs the 'tool_call_id' it answers");
    }
    return new ChatMessage("tool", text(message.content(), param, false), null, id, null);
  }

  private static List<ToolCall> toolCalls(
      List<ChatCompletionRequest.AssistantToolCall> calls, String param) {
    if (calls == null) {
      return List.of();
    }
    List<ToolCall> converted = new ArrayList<>();
    for (int i = 0; i < calls.size(); i++) {
      ChatCompletionRequest.AssistantToolCall call = calls.get(i);
      if (call == null || call.id() == null || call.function() == null) {
        throw needsIdAndName(param + "[" + i + "]");
      }
      ChatCompletionRequest.CalledFunction function = call.function();
      if (function.name() == null) {
        throw needsIdAndName(param + "[" + i + "]");
      }
      converted.add(new ToolCall(call.id(), function.name(), arguments(function.arguments())));
    }
    return List.copyOf(converted);
  }

  private static OpenAiException needsIdAndName(String param) {
    return OpenAiException.invalid(param, "Each tool call needs an 'id' and a 'function.name'");
  }

  /** JSON text, as OpenAI sends arguments; an object sent as such is written out as text. */
  private static String arguments(JsonNode arguments) {
    if (arguments == null || arguments.isNull()) {
      return "{}";
    }
    return arguments.isTextual() ? arguments.asText() : arguments.toString();
  }

  /**
   * @param optional true where OpenAI allows null content (assistant turns with tool calls)
   */
  private static String text(MessageContent content, String param, boolean optional) {
    if (content == null) {
      if (optional) {
        return "";
      }
      throw OpenAiException.invalid(
          param + ".content", "Missing required parameter: '" + param + ".content'");
    }
    if (content.text() != null) {
      return RequestText.clean(content.text());
    }
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < content.parts().size(); i++) {
      MessageContent.Part part = content.parts().get(i);
      String partParam = param + ".content[" + i + "]";
      String type = part == null || part.type() == null ? "" : part.type();
      if (!"text".equals(type)) {
        throw OpenAiException.invalidValue(
            partParam, "Only text content parts are supported (got '" + type + "')");
      }
      if (part.text() == null) {
        throw OpenAiException.invalid(
            partParam + ".text", "'" + partParam + ".text' must be a string");
      }
      text.append(RequestText.clean(part.text()));
    }
    return text.toString();
  }
}
