package dev.coracle.workflows.chat;

import java.util.List;

/**
 * The tools a coding agent sends with a request. Their presence is what puts coracle in agent mode:
 * it acts as a model and returns tool calls rather than running anything itself.
 *
 * @param toolChoice OpenAI's {@code tool_choice} as JSON text ({@code "auto"}, {@code "none"},
 *     {@code "required"} or a named function), or null for the model's default
 */
public record AgentTools(
    List<ToolDefinition> definitions, String toolChoice, Boolean parallelToolCalls) {}
