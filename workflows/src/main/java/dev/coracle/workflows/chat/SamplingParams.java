package dev.coracle.workflows.chat;

import java.util.List;

/**
 * Generation settings the client asked for, passed through to the model unchanged. A null field
 * means "the model's default".
 *
 * @param responseFormat OpenAI's {@code response_format} as JSON text ({@code json_object} or
 *     {@code json_schema}), or null for plain text
 */
public record SamplingParams(
    Integer maxTokens,
    Double temperature,
    Double topP,
    List<String> stop,
    Integer seed,
    String responseFormat) {

  public SamplingParams(
      Integer maxTokens, Double temperature, Double topP, List<String> stop, Integer seed) {
    this(maxTokens, temperature, topP, stop, seed, null);
  }

  public static SamplingParams defaults() {
    return new SamplingParams(null, null, null, List.of(), null, null);
  }
}
