package dev.coracle.api.responses;

import com.fasterxml.jackson.databind.JsonNode;
import dev.coracle.activities.json.CoracleJson;
import dev.coracle.workflows.chat.ChatResult;
import dev.coracle.workflows.chat.ToolCall;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the response object of one request: its settings echoed from the request, then its output
 * from the chat's durable result. Item ids are derived from the response and call ids, so a
 * streamed response and its final object name the same items.
 */
final class ResponseBuilder {
  private final ResponsesRequest request;
  private final ToolMapping tools;
  private final String responseId;
  private final long createdAt;

  ResponseBuilder(ResponsesRequest request, ToolMapping tools, String responseId, long createdAt) {
    this.request = request;
    this.tools = tools;
    this.responseId = responseId;
    this.createdAt = createdAt;
  }

  static String responseId(String workflowId) {
    return "resp_" + workflowId;
  }

  String messageId() {
    return "msg_" + responseId.substring("resp_".length());
  }

  static String callItemId(String callId) {
    return "fc_" + callId;
  }

  /** The response before any output: what {@code response.created} carries. */
  ResponseObject started() {
    return new ResponseObject(
        responseId,
        "response",
        createdAt,
        ResponseObject.IN_PROGRESS,
        null,
        null,
        request.instructions(),
        request.maxOutputTokens(),
        request.model(),
        List.of(),
        request.parallelToolCalls() == null || request.parallelToolCalls(),
        request.previousResponseId(),
        request.reasoning(),
        request.stored(),
        request.temperature(),
        request.text() == null
            ? new TextConfig(new TextConfig.Format("text", null, null, null, null), null)
            : request.text(),
        request.toolChoice() == null
            ? CoracleJson.mapper().getNodeFactory().textNode("auto")
            : request.toolChoice(),
        request.toolsOrEmpty(),
        request.topP(),
        request.truncation() == null ? "disabled" : request.truncation(),
        null,
        request.user(),
        request.metadata() == null ? CoracleJson.mapper().createObjectNode() : request.metadata(),
        request.promptCacheKey(),
        request.serviceTier());
  }

  /** The finished response: its output items, usage, and whether the answer was cut short. */
  ResponseObject finished(ChatResult result, List<Item> output) {
    boolean cut = "length".equals(result.finishReason());
    return started()
        .with(
            cut ? ResponseObject.INCOMPLETE : ResponseObject.COMPLETED,
            output,
            ResponseUsage.from(result.usage()),
            null,
            cut ? new ResponseObject.IncompleteDetails("max_output_tokens") : null);
  }

  /** The output items of a settled answer: its text as one message, then each call. */
  List<Item> output(ChatResult result) {
    List<Item> output = new ArrayList<>();
    String content = result.content();
    if (content != null && !content.isEmpty()) {
      output.add(message(content, ResponseObject.COMPLETED));
    }
    for (ToolCall call : result.toolCallsOrEmpty()) {
      output.add(call(call.id(), call.name(), call.arguments(), ResponseObject.COMPLETED));
    }
    return output;
  }

  Item.Message message(String text, String status) {
    JsonNode content =
        CoracleJson.mapper()
            .valueToTree(text == null ? List.of() : List.of(ContentPart.outputText(text)));
    return new Item.Message(Item.MESSAGE, messageId(), "assistant", content, status);
  }

  /**
   * A call as the client offered the tool: a function (with its namespace) or a custom tool whose
   * input is the {@code input} argument.
   */
  Item call(String callId, String upstreamName, String arguments, String status) {
    ToolMapping.ClientTool tool = tools.clientTool(upstreamName);
    String args = arguments == null ? "" : arguments;
    if (tool.custom()) {
      return new Item.CustomToolCall(
          Item.CUSTOM_TOOL_CALL,
          callItemId(callId),
          callId,
          tool.name(),
          tool.namespace(),
          customInput(args),
          status);
    }
    return new Item.FunctionCall(
        Item.FUNCTION_CALL,
        callItemId(callId),
        callId,
        tool.name(),
        tool.namespace(),
        args,
        status);
  }

  /** The raw input of a custom tool call: the {@code input} argument, or the arguments as sent. */
  private static String customInput(String arguments) {
    try {
      JsonNode parsed = CoracleJson.mapper().readTree(arguments);
      return parsed != null && parsed.path("input").isTextual()
          ? parsed.get("input").asText()
          : arguments;
    } catch (java.io.IOException e) {
      return arguments;
    }
  }
}
