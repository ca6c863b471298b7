package dev.coracle.api.anthropic;

import dev.coracle.workflows.chat.ChatResult;

/**
 * Anthropic's {@code stop_reason} for coracle's (OpenAI-style) finish reason. Upstreams report a
 * stop sequence and a natural end alike as {@code stop}, so {@code stop_sequence} is never claimed.
 */
final class StopReasons {
  private StopReasons() {}

  static String of(ChatResult result) {
    if (!result.toolCallsOrEmpty().isEmpty()) {
      return "tool_use";
    }
    String finish = result.finishReason() == null ? "" : result.finishReason();
    return switch (finish) {
      case "length" -> "max_tokens";
      case "tool_calls" -> "tool_use";
      case "content_filter" -> "refusal";
      default -> "end_turn";
    };
  }
}
