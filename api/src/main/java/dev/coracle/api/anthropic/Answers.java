package dev.coracle.api.anthropic;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.coracle.activities.json.CoracleJson;
import dev.coracle.workflows.chat.ChatResult;
import dev.coracle.workflows.chat.ToolCall;
import java.util.ArrayList;
import java.util.List;

/** Builds the Messages answer, and its parts, from a settled {@link ChatResult}. */
final class Answers {
  private Answers() {}

  static String messageId(String workflowId) {
    return "msg_" + workflowId;
  }

  static MessageResponse message(String workflowId, String model, ChatResult result) {
    List<OutputBlock> content = new ArrayList<>();
    if (result.content() != null && !result.content().isEmpty()) {
      content.add(new OutputBlock.Text(result.content()));
    }
    List<ToolCall> calls = result.toolCallsOrEmpty();
    for (int i = 0; i < calls.size(); i++) {
      content.add(toolUse(workflowId, i, calls.get(i)));
    }
    return new MessageResponse(
        messageId(workflowId),
        model,
        List.copyOf(content),
        StopReasons.of(result),
        MessageUsage.of(result.usage()));
  }

  static OutputBlock.ToolUse toolUse(String workflowId, int index, ToolCall call) {
    return new OutputBlock.ToolUse(
        toolUseId(workflowId, index, call.id()), call.name(), input(call.arguments()));
  }

  /** The call's id as the upstream made it, or one made here when it made none. */
  static String toolUseId(String workflowId, int index, String upstreamId) {
    return upstreamId == null || upstreamId.isBlank()
        ? "toolu_" + workflowId + "_" + index
        : upstreamId;
  }

  /**
   * The arguments the model wrote, as the object Anthropic's {@code input} must be. Arguments that
   * are not a JSON object are kept whole under {@code raw_arguments}, so nothing the model said is
   * lost.
   */
  static JsonNode input(String arguments) {
    ObjectNode empty = CoracleJson.mapper().createObjectNode();
    if (arguments == null || arguments.isBlank()) {
      return empty;
    }
    try {
      JsonNode parsed = CoracleJson.mapper().readTree(arguments);
      return parsed != null && parsed.isObject() ? parsed : empty.put("raw_arguments", arguments);
    } catch (JsonProcessingException e) {
      return empty.put("raw_arguments", arguments);
    }
  }
}
