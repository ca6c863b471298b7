package dev.coracle.api.completions;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.coracle.workflows.chat.Usage;
import java.util.List;

/**
 * A {@code text_completion} object: the whole answer, or one chunk of a streamed one (then {@code
 * text} is the next piece and {@code usage} is left out).
 */
public record CompletionResponse(
    String id,
    String object,
    long created,
    String model,
    List<Choice> choices,
    @JsonInclude(JsonInclude.Include.NON_NULL) CompletionUsage usage) {

  static final String OBJECT = "text_completion";

  /**
   * One choice; coracle makes one. {@code logprobs} is always null: no upstream path gives them.
   */
  public record Choice(
      String text,
      int index,
      Object logprobs,
      @JsonProperty("finish_reason") String finishReason) {}

  /** Token counts as OpenAI names them. */
  public record CompletionUsage(
      @JsonProperty("prompt_tokens") int promptTokens,
      @JsonProperty("completion_tokens") int completionTokens,
      @JsonProperty("total_tokens") int totalTokens) {

    static CompletionUsage of(Usage usage) {
      Usage counted = usage == null ? Usage.NONE : usage;
      return new CompletionUsage(
          counted.promptTokens(), counted.completionTokens(), counted.totalTokens());
    }
  }

  /** The whole answer. */
  static CompletionResponse answer(
      String id, long created, String model, String text, String finishReason, Usage usage) {
    return new CompletionResponse(
        id,
        OBJECT,
        created,
        model,
        List.of(new Choice(text, 0, null, finishReason)),
        CompletionUsage.of(usage));
  }

  /** One streamed piece; {@code finishReason} only on the last. */
  static CompletionResponse chunk(
      String id, long created, String model, String text, String finishReason) {
    return new CompletionResponse(
        id, OBJECT, created, model, List.of(new Choice(text, 0, null, finishReason)), null);
  }

  /** The usage chunk a client asked for with {@code stream_options.include_usage}. */
  static CompletionResponse usageChunk(String id, long created, String model, Usage usage) {
    return new CompletionResponse(id, OBJECT, created, model, List.of(), CompletionUsage.of(usage));
  }
}
