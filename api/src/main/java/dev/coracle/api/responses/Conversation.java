package dev.coracle.api.responses;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import dev.coracle.activities.json.CoracleJson;
import dev.coracle.api.openai.OpenAiException;
import dev.coracle.workflows.chat.ChatMessage;
import dev.coracle.workflows.chat.ToolCall;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Turns Responses input items into the internal conversation. Developer and system messages become
 * system turns; a run of {@code function_call} items becomes one assistant turn with those calls;
 * each {@code function_call_output} a {@code tool} turn; {@code reasoning} items are dropped, as no
 * upstream reads them back. Anything the internal conversation cannot hold (images, files, audio)
 * is a 400 that names the item.
 */
final class Conversation {
  private static final Map<String, String> ROLES =
      Map.of("user", "user", "assistant", "assistant", "system", "system", "developer", "system");

  private Conversation() {}

  /** The items of {@code input}: a string is one user message. */
  static List<Item> items(JsonNode input) {
    if (input.isTextual()) {
      return List.of(
          new Item.Message(
              Item.MESSAGE,
              null,
              "user",
              CoracleJson.mapper().getNodeFactory().textNode(input.asText()),
              null));
    }
    if (!input.isArray()) {
      throw OpenAiException.invalid("input", "'input' must be a string or an array of items");
    }
    if (input.isEmpty()) {
      throw OpenAiException.invalid("input", "'input' must not be empty");
    }
    List<Item> items = new ArrayList<>();
    for (int i = 0; i < input.size(); i++) {
      if (!input.get(i).isObject()) {
        throw OpenAiException.invalid("input[" + i + "]", "'input[" + i + "]' must be an object");
      }
      items.add(RequestReader.bind(input.get(i), Item.class, "input[" + i + "]"));
    }
    return items;
  }

  /**
   * The internal messages: the instructions first, then each item.
   *
   * @param firstNew the index of the first item this request sent (earlier ones were stored), so an
   *     error names the parameter the client can fix
   */
  static List<ChatMessage> messages(String instructions, List<Item> items, int firstNew) {
    List<ChatMessage> messages = new ArrayList<>();
    if (instructions != null && !instructions.isBlank()) {
      messages.add(new ChatMessage("system", instructions));
    }
    for (int i = 0; i < items.size(); i++) {
      String param = i >= firstNew ? "input[" + (i - firstNew) + "]" : "previous_response_id";
      add(messages, items.get(i), param);
    }
    if (messages.stream().noneMatch(m -> !"system".equals(m.role()))) {
      throw OpenAiException.invalid(
          "input", "'input' must contain at least one user, assistant or tool item");
    }
    return messages;
  }

  private static void add(List<ChatMessage> messages, Item item, String param) {
    if (item instanceof Item.Message message) {
      messages.add(message(message, param));
    } else if (item instanceof Item.FunctionCall call) {
      require(call.callId(), param + ".call_id");
      require(call.name(), param + ".name");
      String arguments = call.arguments() == null ? "{}" : call.arguments();
      addCall(messages, toolCall(call.callId(), call.name(), call.namespace(), arguments));
    } else if (item instanceof Item.CustomToolCall call) {
      require(call.callId(), param + ".call_id");
      require(call.name(), param + ".name");
      String arguments =
          CoracleJson.mapper()
              .createObjectNode()
              .put("input", call.input() == null ? "" : call.input())
              .toString();
      addCall(messages, toolCall(call.callId(), call.name(), call.namespace(), arguments));
    } else if (item instanceof Item.FunctionCallOutput output) {
      require(output.callId(), param + ".call_id");
      messages.add(toolResult(output.callId(), output.output(), param + ".output"));
    } else if (item instanceof Item.CustomToolCallOutput output) {
      require(output.callId(), param + ".call_id");
      messages.add(toolResult(output.callId(), output.output(), param + ".output"));
    }
    // Reasoning items are the model's own, encrypted for OpenAI; no upstream here reads them back.
  }

  private static ToolCall toolCall(String callId, String name, String namespace, String args) {
    return new ToolCall(callId, ToolMapping.upstreamName(name, namespace), args);
  }

  private static ChatMessage message(Item.Message message, String param) {
    if (message.type() != null && !Item.MESSAGE.equals(message.type())) {
      throw OpenAiException.invalidValue(
          param + ".type",
          "Unsupported item type '"
              + message.type()
              + "'; this door takes message, function_call, function_call_output,"
              + " custom_tool_call, custom_tool_call_output and reasoning items");
    }
    if (message.role() == null) {
      throw OpenAiException.invalid(param + ".role", "Missing required parameter: 'role'");
    }
    String role = ROLES.get(message.role());
    if (role == null) {
      throw OpenAiException.invalidValue(
          param + ".role", "'role' must be user, assistant, system or developer");
    }
    if (message.content() == null || message.content().isNull()) {
      throw OpenAiException.invalid(param + ".content", "Missing required parameter: 'content'");
    }
    return new ChatMessage(role, text(message.content(), param + ".content"));
  }

  /** A string, or the text of an array of content parts joined in order. */
  private static String text(JsonNode content, String param) {
    if (content.isTextual()) {
      return content.asText();
    }
    if (!content.isArray()) {
      throw OpenAiException.invalid(param, "'" + param + "' must be a string or an array of parts");
    }
    List<ContentPart> parts = List.of(RequestReader.bind(content, ContentPart[].class, param));
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < parts.size(); i++) {
      ContentPart part = parts.get(i);
      String where = param + "[" + i + "]";
      if (part == null || part.type() == null) {
        throw OpenAiException.invalid(where + ".type", "Missing required parameter: 'type'");
      }
      switch (part.type()) {
        case ContentPart.INPUT_TEXT, ContentPart.OUTPUT_TEXT, "text" ->
            text.append(part.text() == null ? "" : part.text());
        case ContentPart.REFUSAL -> text.append(part.refusal() == null ? "" : part.refusal());
        default ->
            throw OpenAiException.invalidValue(
                where + ".type",
                "Content of type '"
                    + part.type()
                    + "' is not supported here; coracle's Responses door takes text parts"
                    + " (input_text, output_text)");
      }
    }
    return text.toString();
  }

  private static ChatMessage toolResult(String callId, JsonNode output, String param) {
    String text = output == null || output.isNull() ? "" : text(output, param);
    return new ChatMessage("tool", text, null, callId, null);
  }

  /** Calls made in a row are one assistant turn, as the model made them together. */
  private static void addCall(List<ChatMessage> messages, ToolCall call) {
    ChatMessage last = messages.isEmpty() ? null : messages.get(messages.size() - 1);
    if (last != null && "assistant".equals(last.role())) {
      List<ToolCall> calls = new ArrayList<>(last.toolCallsOrEmpty());
      calls.add(call);
      messages.set(
          messages.size() - 1,
          new ChatMessage("assistant", last.content(), List.copyOf(calls), null, null));
      return;
    }
    messages.add(new ChatMessage("assistant", null, List.of(call), null, null));
  }

  private static void require(String value, String param) {
    if (value == null || value.isBlank()) {
      throw OpenAiException.invalid(param, "Missing required parameter: '" + param + "'");
    }
  }

  /** Items as JSON text, for the store. */
  static String write(List<Item> items) {
    return ResponsesJson.write(items);
  }

  /** Items stored by {@link #write}. */
  static List<Item> read(String json) {
    return ResponsesJson.read(json, new TypeReference<List<Item>>() {});
  }
}
