package dev.coracle.api.openai.embeddings;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/** OpenAI's embeddings list. */
public record EmbeddingsResponse(String object, List<Embedding> data, String model, Usage usage) {

  /**
   * @param embedding the vector as a {@code float[]}, or as base64 text when the client asked for
   *     {@code encoding_format: base64}
   */
  public record Embedding(String object, int index, Object embedding) {}

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record Usage(int promptTokens, int totalTokens) {}
}
