package dev.coracle.activities.browser;

import dev.coracle.workflows.chat.ChatMessage;
import dev.coracle.workflows.chat.ToolCall;
import java.util.List;
import java.util.Locale;

/**
 * Turns a conversation into the one message a chat web UI takes. A lone user message goes as it is;
 * anything more is written out turn by turn under labels, after a line telling the site's model
 * which turn to answer.
 */
final class PromptFlattener {
  static final String PREAMBLE =
      "The conversation below was flattened into one message. Reply as the assistant to the"
          + " last user turn; do not repeat the labels.";

  private PromptFlattener() {}

  static String flatten(List<ChatMessage> messages) {
    List<ChatMessage> turns = messages.stream().filter(m -> !isEmpty(m)).toList();
    if (turns.isEmpty()) {
      return "";
    }
    if (turns.size() == 1 && "user".equals(turns.get(0).role())) {
      return turns.get(0).content().strip();
    }
    StringBuilder prompt = new StringBuilder(PREAMBLE);
    for (ChatMessage turn : turns) {
      prompt.append("\n\n[").append(label(turn)).append("]\n").append(body(turn));
    }
    return prompt.toString();
  }

  private static String label(ChatMessage turn) {
    String role = turn.role() == null ? "user" : turn.role().toLowerCase(Locale.ROOT);
    String label =
        switch (role) {
          case "system", "developer" -> "System instructions";
          case "assistant" -> "Assistant";
          case "tool" -> "Tool result" + (turn.toolCallId() == null ? "" : " " + turn.toolCallId());
          default -> "User";
        };
    return turn.name() == null || turn.name().isBlank() ? label : label + " (" + turn.name() + ")";
  }

  private static String body(ChatMessage turn) {
    StringBuilder body = new StringBuilder();
    if (turn.content() != null && !turn.content().isBlank()) {
      body.append(turn.content().strip());
    }
    for (ToolCall call : turn.toolCallsOrEmpty()) {
      if (!body.isEmpty()) {
        body.append('\n');
      }
      body.append("(called tool ")
          .append(call.name())
          .append(" with ")
          .append(call.arguments())
          .append(')');
    }
    return body.toString();
  }

  private static boolean isEmpty(ChatMessage turn) {
    return (turn.content() == null || turn.content().isBlank())
        && turn.toolCallsOrEmpty().isEmpty();
  }
}
