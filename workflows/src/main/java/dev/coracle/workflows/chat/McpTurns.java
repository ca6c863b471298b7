package dev.coracle.workflows.chat;

import java.util.ArrayList;
import java.util.List;

/**
 * The model turns of one MCP tool loop, summed: the client pays for every turn, so usage, model
 * time and fallbacks count them all, while provider, model and content are the last turn's.
 */
final class McpTurns {
  private final Classification classification;
  private final List<String> fallbacks = new ArrayList<>();
  private Usage usage = Usage.NONE;
  private long modelMillis;

  McpTurns(Classification classification) {
    this.classification = classification;
  }

  ChatResult add(ChatResult turn) {
    usage = usage.plus(turn.usage());
    modelMillis += turn.modelMillis();
    fallbacks.addAll(turn.fallbacks() == null ? List.of() : turn.fallbacks());
    return turn;
  }

  ChatResult result(ChatResult last, List<ToolCall> toolCalls, String finishReason) {
    return result(last, last.content(), toolCalls, finishReason);
  }

  /** The model still wanted MCP tools after the last allowed round: the answer is cut short. */
  ChatResult stopped(ChatResult last, int rounds) {
    String content = last.content() == null ? "" : last.content();
    if (content.isBlank()) {
      content = "(coracle stopped after " + rounds + " rounds of MCP tool calls)";
    }
    return result(last, content, null, "length");
  }

  private ChatResult result(
      ChatResult last, String content, List<ToolCall> toolCalls, String finishReason) {
    return new ChatResult(
        classification,
        last.provider(),
        last.model(),
        content,
        finishReason,
        usage,
        modelMillis,
        List.copyOf(fallbacks),
        toolCalls == null || toolCalls.isEmpty() ? null : List.copyOf(toolCalls),
        false);
  }
}
