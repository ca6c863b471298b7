package dev.coracle.api.anthropic;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * One block of a message's content as a client sends it, told apart by its {@code type}. Fields
 * coracle has no use for, such as {@code cache_control} or {@code citations}, are tolerated and
 * dropped.
 */
@JsonTypeInfo(
    use = JsonTypeInfo.Id.NAME,
    property = "type",
    visible = true,
    defaultImpl = ContentBlock.Other.class)
@JsonSubTypes({
  @JsonSubTypes.Type(value = ContentBlock.Text.class, name = "text"),
  @JsonSubTypes.Type(value = ContentBlock.Image.class, name = "image"),
  @JsonSubTypes.Type(value = ContentBlock.ToolUse.class, name = "tool_use"),
  @JsonSubTypes.Type(value = ContentBlock.ToolResult.class, name = "tool_result"),
  @JsonSubTypes.Type(value = ContentBlock.Thinking.class, name = "thinking"),
  @JsonSubTypes.Type(value = ContentBlock.Thinking.class, name = "redacted_thinking")
})
sealed interface ContentBlock {

  String type();

  record Text(String type, String text) implements ContentBlock {}

  /** An image; coracle's models take text only, so a request holding one is refused. */
  record Image(String type) implements ContentBlock {}

  /** A tool call the model made in an earlier assistant turn. */
  record ToolUse(String type, String id, String name, JsonNode input) implements ContentBlock {}

  /**
   * What the client's tool returned.
   *
   * @param content a string or text blocks, or null for an empty result
   */
  record ToolResult(
      String type,
      @JsonProperty("tool_use_id") String toolUseId,
      MessageContent content,
      @JsonProperty("is_error") Boolean isError)
      implements ContentBlock {}

  /** A {@code thinking} or {@code redacted_thinking} block of an earlier assistant turn. */
  record Thinking(String type) implements ContentBlock {}

  /** A block of a type coracle does not know (documents, server tool results, ...). */
  record Other(String type) implements ContentBlock {}
}
