package dev.coracle.workflows.chat;

import java.util.List;

/**
 * One conversation turn as the workflow sees it.
 *
 * @param toolCalls on an assistant turn, the calls the model made (null or empty otherwise)
 * @param toolCallId on a {@code tool} turn, the call this is the result of
 * @param name an optional participant name
 */
public record ChatMessage(
    String role, String content, List<ToolCall> toolCalls, String toolCallId, String name) {

  public ChatMessage(String role, String content) {
    this(role, content, null, null, null);
  }

  /** The tool calls, never null. */
  public List<ToolCall> toolCallsOrEmpty() {
    return toolCalls == null ? List.of() : toolCalls;
  }
}
