package dev.coracle.api.openai.chat;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.coracle.workflows.chat.Usage;

/** OpenAI's {@code usage} object of a completion or of the last chunk of a stream. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record CompletionUsage(int promptTokens, int completionTokens, int totalTokens) {

  public static CompletionUsage of(Usage usage) {
    return new CompletionUsage(usage.promptTokens(), usage.completionTokens(), usage.totalTokens());
  }
}
