package dev.coracle.workflows.model;

import dev.coracle.workflows.chat.ToolCall;
import dev.coracle.workflows.chat.Usage;
import java.util.List;

/**
 * Output of one model-call activity.
 *
 * @param toolCalls the calls the model made in agent mode (then {@code finishReason} is {@code
 *     tool_calls}); null or empty otherwise
 */
public record ModelAnswer(
    String content, String finishReason, Usage usage, long modelMillis, List<ToolCall> toolCalls) {

  public ModelAnswer(String content, String finishReason, Usage usage, long modelMillis) {
    this(content, finishReason, usage, modelMillis, null);
  }

  public List<ToolCall> toolCallsOrEmpty() {
    return toolCalls == null ? List.of() : toolCalls;
  }
}
