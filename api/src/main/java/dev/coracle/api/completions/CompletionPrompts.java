package dev.coracle.api.completions;

import dev.coracle.workflows.chat.ChatMessage;
import dev.coracle.workflows.chat.TextCompletion;
import java.util.List;

/**
 * A text completion restated as a chat, for upstreams that only take chats (OpenAI-compatible
 * servers, whose {@code /v1/completions} most chat models refuse; Gemini; the browser fallback) and
 * for what every request has: classification, guardrails, the audit trail.
 */
final class CompletionPrompts {
  /** Marks the gap; chosen to be unlikely in code and plain to a chat model. */
  static final String GAP = "<FILL>";

  private static final String CONTINUE =
      "Continue the user's text from exactly where it stops. Reply with the continuation only:"
          + " do not repeat the text, explain, or wrap it in code fences.";

  private static final String FILL =
      "The user's text has one gap marked "
          + GAP
          + ". Reply with only the text that belongs in the gap: do not repeat the text around"
          + " it, explain, or wrap it in code fences.";

  private CompletionPrompts() {}

  static List<ChatMessage> messages(TextCompletion completion) {
    if (completion.fillInTheMiddle()) {
      return List.of(
          new ChatMessage("system", FILL),
          new ChatMessage("user", completion.prompt() + GAP + completion.suffix()));
    }
    return List.of(
        new ChatMessage("system", CONTINUE), new ChatMessage("user", completion.prompt()));
  }
}
