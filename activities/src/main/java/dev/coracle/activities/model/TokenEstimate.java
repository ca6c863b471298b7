package dev.coracle.activities.model;

import dev.coracle.workflows.chat.AgentTools;
import dev.coracle.workflows.chat.ChatMessage;
import dev.coracle.workflows.chat.SamplingParams;
import dev.coracle.workflows.chat.ToolCall;
import dev.coracle.workflows.chat.ToolDefinition;
import dev.coracle.workflows.model.ModelAnswer;
import java.util.List;

/**
 * A rough token count made before a call, to reserve quota and to check a context window. About
 * four characters a token for English and code; the ledger reconciles with the real count after the
 * call, so rough is enough.
 */
public final class TokenEstimate {
  /** What a reply usually takes when the client sets no limit. */
  static final int DEFAULT_ANSWER_TOKENS = 512;

  private static final int CHARS_PER_TOKEN = 4;
  private static final int PER_MESSAGE_OVERHEAD = 4;

  private TokenEstimate() {}

  /** Tokens the prompt will take: messages, tool calls and tool schemas. */
  public static int prompt(List<ChatMessage> messages, AgentTools tools) {
    long chars = 0;
    for (ChatMessage message : messages) {
      chars += length(message.content()) + PER_MESSAGE_OVERHEAD * CHARS_PER_TOKEN;
      for (ToolCall call : message.toolCallsOrEmpty()) {
        chars += length(call.name()) + length(call.arguments());
      }
    }
    if (tools != null && tools.definitions() != null) {
      for (ToolDefinition tool : tools.definitions()) {
        chars += length(tool.name()) + length(tool.description()) + length(tool.parameters());
      }
    }
    return (int) Math.min(Integer.MAX_VALUE, chars / CHARS_PER_TOKEN + 1);
  }

  /** Prompt plus the answer the client allows (or a typical answer). */
  public static int total(List<ChatMessage> messages, AgentTools tools, SamplingParams params) {
    int answer =
        params != null && params.maxTokens() != null ? params.maxTokens() : DEFAULT_ANSWER_TOKENS;
    return prompt(messages, tools) + answer;
  }

  /**
   * Tokens of an answer as it was received, its text and its tool calls, for an upstream that
   * reports no usage. Rounded up, so a short answer never counts as nothing.
   */
  public static int answer(ModelAnswer answer) {
    long chars = length(answer.content());
    for (ToolCall call : answer.toolCallsOrEmpty()) {
      chars += length(call.name()) + length(call.arguments());
    }
    return (int) Math.min(Integer.MAX_VALUE, (chars + CHARS_PER_TOKEN - 1) / CHARS_PER_TOKEN);
  }

  private static int length(String text) {
    return text == null ? 0 : text.length();
  }
}
