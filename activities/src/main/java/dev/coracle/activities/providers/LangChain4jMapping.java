package dev.coracle.activities.providers;

import dev.coracle.workflows.chat.ChatMessage;
import dev.coracle.workflows.chat.SamplingParams;
import dev.coracle.workflows.chat.ToolCall;
import dev.coracle.workflows.chat.Usage;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.output.FinishReason;
import dev.langchain4j.model.output.TokenUsage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Conversions between coracle's payload records and LangChain4j's types. */
final class LangChain4jMapping {

  private LangChain4jMapping() {}

  /**
   * Blank system messages are dropped: they say nothing, and LangChain4j refuses to build them.
   *
   * @param objectArguments see {@link ToolMapping#request(ToolCall, boolean)}
   * @throws IllegalArgumentException for a role other than system, developer, user, assistant or
   *     tool, or a tool message without the id of its call
   */
  static List<dev.langchain4j.data.message.ChatMessage> messages(
      List<ChatMessage> messages, boolean objectArguments) {
    // A tool result may omit its function's name; LangChain4j wants it, so it is looked up by id.
    Map<String, String> toolNames = new HashMap<>();
    List<dev.langchain4j.data.message.ChatMessage> mapped = new ArrayList<>();
    for (ChatMessage message : messages) {
      if (isSystem(message.role()) && (message.content() == null || message.content().isBlank())) {
        continue;
      }
      message.toolCallsOrEmpty().forEach(call -> toolNames.put(call.id(), call.name()));
      mapped.add(message(message, toolNames, objectArguments));
    }
    return mapped;
  }

  private static dev.langchain4j.data.message.ChatMessage message(
      ChatMessage message, Map<String, String> toolNames, boolean objectArguments) {
    String text = message.content() == null ? "" : message.content();
    String role = message.role() == null ? "" : message.role();
    if (isSystem(role)) {
      return SystemMessage.from(text);
    }
    return switch (role) {
      case "user" -> UserMessage.from(text);
      case "assistant" -> assistant(message, text, objectArguments);
      case "tool" -> toolResult(message, text, toolNames);
      default ->
          throw new IllegalArgumentException(
              "unsupported message role '" + role + "'; expected system, user, assistant or tool");
    };
  }

  private static AiMessage assistant(ChatMessage message, String text, boolean objectArguments) {
    if (message.toolCallsOrEmpty().isEmpty()) {
      return AiMessage.from(text);
    }
    // OpenAI's wire has null content beside tool calls; an empty string is not the same thing.
    return AiMessage.builder()
        .text(text.isEmpty() ? null : text)
        .toolExecutionRequests(
            message.toolCallsOrEmpty().stream()
                .map(call -> ToolMapping.request(call, objectArguments))
                .toList())
        .build();
  }

  private static ToolExecutionResultMessage toolResult(
      ChatMessage message, String text, Map<String, String> toolNames) {
    String id = message.toolCallId();
    if (id == null || id.isBlank()) {
      throw new IllegalArgumentException("a tool message needs the tool_call_id it answers");
    }
    String name = message.name() != null ? message.name() : toolNames.get(id);
    return ToolExecutionResultMessage.from(id, name, text);
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
