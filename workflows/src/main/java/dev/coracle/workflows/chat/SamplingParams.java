package dev.coracle.workflows.chat;

import java.util.List;

/**
 * Generation settings the client asked for, passed through to the model unchanged. A null field
 * means "the model's default".
 *
 * @param responseFormat OpenAI's {@code response_format} as JSON text ({@code json_object} or
 *     {@code json_schema}), or null for plain text
 * @param completion for a legacy text completion, its prompt and suffix; null for a chat (and in
 *     every history recorded before completions existed)
 */
public record SamplingParams(
    Integer maxTokens,
    Double temperature,
    Double topP,
    List<String> stop,
    Integer seed,
    String responseFormat,
    TextCompletion completion) {

  public SamplingParams(
      Integer maxTokens,
      Double temperature,
      Double topP,
      List<String> stop,
      Integer seed,
      String responseFormat) {
    this(maxTokens, temperature, topP, stop, seed, responseFormat, null);
  }

  public SamplingParams(
      Integer maxTokens, Double temperature, Double topP, List<String> stop, Integer seed) {
    this(maxTokens, temperature, topP, stop, seed, null, null);
  }

  public static SamplingParams defaults() {
    return new SamplingParams(null, null, null, List.of(), null, null, null);
  }

  /** True for a legacy text completion, which never becomes a job and is never cached. */
  public boolean textCompletion() {
    return completion != null;
  }
}
