package dev.coracle.api.openai.chat;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.coracle.workflows.chat.Usage;
import java.util.List;

/**
 * OpenAI's {@code chat.completion.chunk}: one choice with a {@code delta}, or, for the extra chunk
 * sent when {@code stream_options.include_usage} is set, no choices and the usage.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ChatCompletionChunk(
    String id,
    String object,
    long created,
    String model,
    String systemFingerprint,
    List<Choice> choices,
    @JsonInclude(JsonInclude.Include.NON_NULL) CompletionUsage usage) {

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record Choice(int index, Delta delta, Object logprobs, String finishReason) {}

  /** What this chunk adds; fields it does not add are left out, so the last delta is {@code {}}. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record Delta(String role, String content, List<ToolCallOut> toolCalls) {
    /** The first delta: the role, and empty content as OpenAI sends it. */
    public static Delta first() {
      return new Delta("assistant", "", null);
    }

    public static Delta text(String text) {
      return new Delta(null, text, null);
    }

    public static Delta calls(List<ToolCallOut> calls) {
      return new Delta(null, null, calls);
    }

    public static Delta last() {
      return new Delta(null, null, null);
    }
  }

  public static ChatCompletionChunk of(
      String id, long created, String model, Delta delta, String finishReason) {
    return new ChatCompletionChunk(
        id,
        "chat.completion.chunk",
        created,
        model,
        null,
        List.of(new Choice(0, delta, null, finishReason)),
        null);
  }

  public static ChatCompletionChunk usage(String id, long created, String model, Usage usage) {
    return new ChatCompletionChunk(
        id, "chat.completion.chunk", created, model, null, List.of(), CompletionUsage.of(usage));
  }
}
