package dev.coracle.activities.guard;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.coracle.activities.json.CoracleJson;
import dev.coracle.workflows.chat.ChatMessage;
import dev.coracle.workflows.chat.ToolCall;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs redactors over every part of a conversation that is sent: each message's content and the
 * arguments of its tool calls. One instance per conversation; it adds up what it replaced.
 */
final class MessageRedaction {

  private static final ObjectMapper JSON = CoracleJson.mapper();

  private final List<Redactor> redactors;
  private final RedactionMemo memo;
  private final Map<String, Integer> counts = new HashMap<>();

  MessageRedaction(List<Redactor> redactors, RedactionMemo memo) {
    this.redactors = redactors;
    this.memo = memo;
  }

  List<ChatMessage> apply(List<ChatMessage> messages) {
    return messages.stream().map(this::message).toList();
  }

  /** Kind to number of values replaced so far. */
  Map<String, Integer> counts() {
    return Map.copyOf(counts);
  }

  private ChatMessage message(ChatMessage message) {
    List<ToolCall> calls =
        message.toolCalls() == null
            ? null
            : message.toolCalls().stream()
                .map(c -> new ToolCall(c.id(), c.name(), arguments(c.arguments())))
                .toList();
    return new ChatMessage(
        message.role(), text(message.content()), calls, message.toolCallId(), message.name());
  }

  /**
   * Arguments are JSON: the string values are redacted one by one, so that line-based rules (a
   * {@code .env} file being written) see real lines rather than {@code \n} escapes. Text that is
   * not JSON is redacted as it is.
   */
  private String arguments(String arguments) {
    if (arguments == null || arguments.isBlank()) {
      return arguments;
    }
    JsonNode tree;
    try {
      tree = JSON.readTree(arguments);
    } catch (JsonProcessingException notJson) {
      return text(arguments);
    }
    int before = total();
    JsonNode redacted = node(tree);
    if (total() == before) {
      return arguments;
    }
    try {
      return JSON.writeValueAsString(redacted);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree failed to serialize", e);
    }
  }

  private JsonNode node(JsonNode node) {
    if (node.isTextual()) {
      return TextNode.valueOf(text(node.asText()));
    }
    if (node instanceof ObjectNode object) {
      object.properties().forEach(field -> field.setValue(node(field.getValue())));
    } else if (node instanceof ArrayNode array) {
      for (int i = 0; i < array.size(); i++) {
        array.set(i, node(array.get(i)));
      }
    }
    return node;
  }

  private String text(String text) {
    if (text == null || text.isEmpty()) {
      return text;
    }
    Redacted redacted = memo.redact(text, this::scan);
    redacted.counts().forEach((kind, n) -> counts.merge(kind, n, Integer::sum));
    return redacted.text();
  }

  /** Every redactor in turn over one text; what each replaced is counted once. */
  private Redacted scan(String text) {
    Map<String, Integer> found = new HashMap<>();
    String result = text;
    for (Redactor redactor : redactors) {
      Redacted redacted = redactor.redact(result);
      redacted.counts().forEach((kind, n) -> found.merge(kind, n, Integer::sum));
      result = redacted.text();
    }
    return new Redacted(result, found);
  }

  private int total() {
    return counts.values().stream().mapToInt(Integer::intValue).sum();
  }
}
