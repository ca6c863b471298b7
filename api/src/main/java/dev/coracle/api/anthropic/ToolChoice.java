package dev.coracle.api.anthropic;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * How the model may use the tools: {@code auto}, {@code any}, {@code tool} (with a {@code name}) or
 * {@code none}.
 */
record ToolChoice(
    String type,
    String name,
    @JsonProperty("disable_parallel_tool_use") Boolean disableParallelToolUse) {}
