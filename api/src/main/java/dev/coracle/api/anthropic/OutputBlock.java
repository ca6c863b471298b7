package dev.coracle.api.anthropic;

import com.fasterxml.jackson.databind.JsonNode;

/** A block of the assistant's answer: its text, or a call of one of the client's tools. */
sealed interface OutputBlock {

  String type();

  record Text(String type, String text) implements OutputBlock {
    Text(String text) {
      this("text", text);
    }
  }

  /** A tool call; {@code input} is the arguments object the model wrote. */
  record ToolUse(String type, String id, String name, JsonNode input) implements OutputBlock {
    ToolUse(String id, String name, JsonNode input) {
      this("tool_use", id, name, input);
    }
  }
}
