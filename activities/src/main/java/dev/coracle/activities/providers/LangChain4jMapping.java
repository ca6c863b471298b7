package dev.coracle.activities.providers;

import dev.coracle.workflows.chat.ChatMessage;
import dev.coracle.workflows.chat.SamplingParams;
import dev.coracle.workflows.chat.Usage;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.output.FinishReason;
import dev.langchain4j.model.output.TokenUsage;
import java.util.List;

/** Conversions between coracle's payload records and LangChain4j's types. */
final class LangChain4jMapping {

  private LangChain4jMapping() {}

  /**
   * Blank system messages are dropped: they say nothing, and LangChain4j refuses to build them.
   *
   * @throws IllegalArgumentException for a role other than system, developer, user or assistant
   */
  static List<dev.langchain4j.data.message.ChatMessage> messages(List<ChatMessage> messages) {
    return messages.stream()
        .filter(m -> !(isSystem(m.role()) && (m.content() == null || m.content().isBlank())))
        .map(LangChain4jMapping::message)
        .toList();
  }

  private static dev.langchain4j.data.message.ChatMessage message(ChatMessage message) {
    String text = message.content() == null ? "" : message.content();
    String role = message.role() == null ? "" : message.role();
    if (isSystem(role)) {
      return SystemMessage.from(text);
    }
    return switch (role) {
      case "user" -> UserMessage.from(text);
      case "assistant" -> AiMessage.from(text);
      default ->
          throw new IllegalArgumentException(
              "unsupported message role '" + role + "'; expected system, user or assistant");
    };
  }

  /** OpenAI renamed the system role to "developer" for newer models; both mean the same here. */
  private static boolean isSystem(String role) {
    return "system".equals(role) || "developer".equals(role);
  }

  /**
   * An empty stop list would be sent as {@code "stop": []}, which some OpenAI-compatible servers
   * reject, so "no stop sequences" is sent as no field at all.
   */
  static List<String> stopOrNull(SamplingParams params) {
    return params.stop() == null || params.stop().isEmpty() ? null : params.stop();
  }

  /** The OpenAI spelling, which is what coracle's clients expect to see. */
  static String finishReason(FinishReason reason) {
    if (reason == null) {
      return "stop";
    }
    return switch (reason) {
      case LENGTH -> "length";
      case TOOL_EXECUTION -> "tool_calls";
      case CONTENT_FILTER -> "content_filter";
      case STOP, OTHER -> "stop";
    };
  }

  static Usage usage(TokenUsage usage) {
    if (usage == null) {
      return Usage.NONE;
    }
    return new Usage(orZero(usage.inputTokenCount()), orZero(usage.outputTokenCount()));
  }

  private static int orZero(Integer count) {
    return count == null ? 0 : count;
  }
}
