package dev.coracle.api.openai.chat;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.coracle.workflows.chat.ChatResult;
import java.util.List;

/**
 * OpenAI's {@code chat.completion} object. Nulls OpenAI writes ({@code refusal}, {@code logprobs},
 * {@code system_fingerprint}) are written; {@code tool_calls} is left out when there are none.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ChatCompletion(
    String id,
    String object,
    long created,
    String model,
    String systemFingerprint,
    List<Choice> choices,
    CompletionUsage usage) {

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record Choice(int index, AssistantMessage message, Object logprobs, String finishReason) {}

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record AssistantMessage(
      String role,
      String content,
      String refusal,
      @JsonInclude(JsonInclude.Include.NON_NULL) List<ToolCallOut> toolCalls) {}

  /** The completion for a settled result. */
  public static ChatCompletion from(String id, long created, String model, ChatResult result) {
    List<ToolCallOut> toolCalls = ToolCallOut.all(result, false);
    // OpenAI sends null content, not "", on a turn that only calls tools.
    boolean noText = result.content() == null || result.content().isEmpty();
    String content = !toolCalls.isEmpty() && noText ? null : result.content();
    AssistantMessage message =
        new AssistantMessage("assistant", content, null, toolCalls.isEmpty() ? null : toolCalls);
    return new ChatCompletion(
        id,
        "chat.completion",
        created,
        model,
        null,
        List.of(new Choice(0, message, null, result.finishReason())),
        CompletionUsage.of(result.usage()));
  }
}
