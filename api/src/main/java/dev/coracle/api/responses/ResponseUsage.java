package dev.coracle.api.responses;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.coracle.workflows.chat.Usage;

/** A response's token counts, with the detail objects clients expect even when they are zero. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ResponseUsage(
    int inputTokens,
    InputDetails inputTokensDetails,
    int outputTokens,
    OutputDetails outputTokensDetails,
    int totalTokens) {

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record InputDetails(int cachedTokens) {}

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record OutputDetails(int reasoningTokens) {}

  static ResponseUsage from(Usage usage) {
    int input = usage == null ? 0 : usage.promptTokens();
    int output = usage == null ? 0 : usage.completionTokens();
    return new ResponseUsage(
        input, new InputDetails(0), output, new OutputDetails(0), input + output);
  }
}
