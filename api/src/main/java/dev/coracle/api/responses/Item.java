package dev.coracle.api.responses;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * An item of a conversation, as the client sends it in {@code input} and as a response lists it in
 * {@code output}; the same records serve both ways, so a stored response's output reads back as
 * input. An item without a {@code type}, or with a type this door does not know, reads as a {@link
 * Message} whose type {@link Conversation} then checks.
 */
@JsonTypeInfo(
    use = JsonTypeInfo.Id.NAME,
    include = JsonTypeInfo.As.EXISTING_PROPERTY,
    property = "type",
    visible = true,
    defaultImpl = Item.Message.class)
@JsonSubTypes({
  @JsonSubTypes.Type(value = Item.Message.class, name = Item.MESSAGE),
  @JsonSubTypes.Type(value = Item.FunctionCall.class, name = Item.FUNCTION_CALL),
  @JsonSubTypes.Type(value = Item.FunctionCallOutput.class, name = Item.FUNCTION_CALL_OUTPUT),
  @JsonSubTypes.Type(value = Item.CustomToolCall.class, name = Item.CUSTOM_TOOL_CALL),
  @JsonSubTypes.Type(value = Item.CustomToolCallOutput.class, name = Item.CUSTOM_TOOL_CALL_OUTPUT),
  @JsonSubTypes.Type(value = Item.Reasoning.class, name = Item.REASONING)
})
public sealed interface Item {
  String MESSAGE = "message";
  String FUNCTION_CALL = "function_call";
  String FUNCTION_CALL_OUTPUT = "function_call_output";
  String CUSTOM_TOOL_CALL = "custom_tool_call";
  String CUSTOM_TOOL_CALL_OUTPUT = "custom_tool_call_output";
  String REASONING = "reasoning";

  String type();

  /**
   * A message. {@code content} is a string or an array of {@link ContentPart}s.
   *
   * @param status on output items: {@code in_progress}, {@code completed} or {@code incomplete}
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Message(String type, String id, String role, JsonNode content, String status)
      implements Item {}

  /**
   * A call the model made. {@code arguments} is JSON text.
   *
   * @param namespace the namespace tool the function belongs to, or null
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  record FunctionCall(
      String type,
      String id,
      String callId,
      String name,
      String namespace,
      String arguments,
      String status)
      implements Item {}

  /** A function's result. {@code output} is a string or an array of content parts. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  record FunctionCallOutput(String type, String id, String callId, JsonNode output)
      implements Item {}

  /** A call of a custom (freeform) tool: {@code input} is the tool's raw text input. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  record CustomToolCall(
      String type,
      String id,
      String callId,
      String name,
      String namespace,
      String input,
      String status)
      implements Item {}

  /** A custom tool's result. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  record CustomToolCallOutput(String type, String id, String callId, JsonNode output)
      implements Item {}

  /** The model's reasoning from an earlier turn: accepted and dropped, as no upstream reads it. */
  record Reasoning(String type, String id) implements Item {}
}
