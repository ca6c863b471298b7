package dev.coracle.workflows.chat;

import java.util.List;

/**
 * Generation settings the client asked for, passed through to the model unchanged. A null field
 * means "the model's default".
 */
public record SamplingParams(
    Integer maxTokens, Double temperature, Double topP, List<String> stop, Integer seed) {

  public static SamplingParams defaults() {
    return new SamplingParams(null, null, null, List.of(), null);
  }
}
