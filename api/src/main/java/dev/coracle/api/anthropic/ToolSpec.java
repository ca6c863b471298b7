package dev.coracle.api.anthropic;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * A tool the client offers. A client tool has an {@code input_schema}; a server tool (such as
 * {@code web_search_20250305} or {@code bash_20250124}) has a versioned {@code type} and no schema,
 * because Anthropic runs it.
 */
record ToolSpec(
    String type,
    String name,
    String description,
    @JsonProperty("input_schema") JsonNode inputSchema) {

  /** True for a tool Anthropic would run itself, which coracle cannot offer a model. */
  boolean isServerTool() {
    return inputSchema == null && type != null && !"custom".equals(type);
  }
}
