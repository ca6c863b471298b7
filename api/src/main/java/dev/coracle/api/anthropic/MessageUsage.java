package dev.coracle.api.anthropic;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.coracle.workflows.chat.Usage;

/** Token counts in Anthropic's shape. */
record MessageUsage(
    @JsonProperty("input_tokens") int inputTokens,
    @JsonProperty("output_tokens") int outputTokens) {

  static MessageUsage of(Usage usage) {
    return usage == null
        ? new MessageUsage(0, 0)
        : new MessageUsage(usage.promptTokens(), usage.completionTokens());
  }
}
