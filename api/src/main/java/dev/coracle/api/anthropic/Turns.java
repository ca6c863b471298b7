package dev.coracle.api.anthropic;

import dev.coracle.api.openai.OpenAiException;
import dev.coracle.workflows.chat.ChatMessage;
import dev.coracle.workflows.chat.ToolCall;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns Anthropic's {@code messages} into coracle's conversation. A user turn's {@code tool_result}
 * blocks become {@code tool} messages placed before the turn's text, since the internal
 * conversation (like OpenAI's) wants tool results right after the call; an assistant turn's {@code
 * tool_use} blocks become its tool calls, and its {@code thinking} blocks are dropped.
 */
final class Turns {
  /** What a failed tool's result starts with, since the internal model has no error flag. */
  static final String TOOL_ERROR_PREFIX = "Error: ";

  private Turns() {}

  static List<ChatMessage> toChatMessages(List<InputMessage> turns) {
    if (turns == null) {
      throw OpenAiException.invalid("messages", "messages: Field required");
    }
    if (turns.isEmpty()) {
      throw OpenAiException.invalid("messages", "messages: at least one message is required");
    }
    List<ChatMessage> messages = new ArrayList<>();
    for (int i = 0; i < turns.size(); i++) {
      InputMessage turn = turns.get(i);
      String param = "messages." + i;
      if (turn == null) {
        throw OpenAiException.invalid("messages", param + ": Input should be an object");
      }
      if (turn.content() == null) {
        throw OpenAiException.invalid("messages", param + ".content: Field required");
      }
      String role = turn.role() == null ? "" : turn.role();
      switch (role) {
        case "user" -> messages.addAll(user(turn.content(), param + ".content"));
        case "assistant" -> messages.add(assistant(turn.content(), param + ".content"));
        case "system" ->
            messages.add(
                new ChatMessage(
                    "system", ContentText.systemText(turn.content(), param + ".content")));
        default ->
            throw OpenAiException.invalid(
                "messages",
                param
                    + ".role: Input should be 'user', 'assistant' or 'system' (got '"
                    + role
                    + "')");
      }
    }
    return messages;
  }

  private static List<ChatMessage> user(MessageContent content, String param) {
    List<ChatMessage> messages = new ArrayList<>();
    StringBuilder text = new StringBuilder();
    List<ContentBlock> blocks = content.blocks();
    for (int i = 0; i < blocks.size(); i++) {
      ContentBlock block = blocks.get(i);
      String blockParam = param + "." + i;
      if (block instanceof ContentBlock.Text textBlock) {
        appendLine(text, requireText(textBlock, blockParam));
      } else if (block instanceof ContentBlock.ToolResult result) {
        messages.add(toolResult(result, blockParam));
      } else {
        throw Unsupported.block(block, blockParam);
      }
    }
    if (!text.isEmpty() || messages.isEmpty()) {
      messages.add(new ChatMessage("user", text.toString()));
    }
    return messages;
  }

  private static ChatMessage toolResult(ContentBlock.ToolResult result, String param) {
    if (result.toolUseId() == null || result.toolUseId().isBlank()) {
      throw OpenAiException.invalid("messages", param + ".tool_use_id: Field required");
    }
    String text = ContentText.toolResultText(result.content(), param + ".content");
    if (Boolean.TRUE.equals(result.isError())) {
      text = TOOL_ERROR_PREFIX + text;
    }
    return new ChatMessage("tool", text, null, result.toolUseId(), null);
  }

  private static ChatMessage assistant(MessageContent content, String param) {
    StringBuilder text = new StringBuilder();
    List<ToolCall> calls = new ArrayList<>();
    List<ContentBlock> blocks = content.blocks();
    for (int i = 0; i < blocks.size(); i++) {
      ContentBlock block = blocks.get(i);
      String blockParam = param + "." + i;
      if (block instanceof ContentBlock.Text textBlock) {
        appendLine(text, requireText(textBlock, blockParam));
      } else if (block instanceof ContentBlock.ToolUse use) {
        calls.add(toolCall(use, blockParam));
      } else if (!(block instanceof ContentBlock.Thinking)) {
        // Thinking is the model's own scratch work; no upstream can take it back, so it is
        // dropped. Anything else is refused.
        throw Unsupported.block(block, blockParam);
      }
    }
    return new ChatMessage(
        "assistant", text.toString(), calls.isEmpty() ? null : List.copyOf(calls), null, null);
  }

  private static ToolCall toolCall(ContentBlock.ToolUse use, String param) {
    if (use.id() == null || use.id().isBlank() || use.name() == null || use.name().isBlank()) {
      throw OpenAiException.invalid("messages", param + ": a tool_use needs an 'id' and a 'name'");
    }
    String arguments = use.input() == null || use.input().isNull() ? "{}" : use.input().toString();
    return new ToolCall(use.id(), use.name(), arguments);
  }

  private static String requireText(ContentBlock.Text block, String param) {
    if (block.text() == null) {
      throw OpenAiException.invalid("messages", param + ".text: Field required");
    }
    return block.text();
  }

  private static void appendLine(StringBuilder text, String more) {
    if (!text.isEmpty()) {
      text.append('\n');
    }
    text.append(more);
  }
}
