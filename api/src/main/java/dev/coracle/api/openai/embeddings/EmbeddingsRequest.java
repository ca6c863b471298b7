package dev.coracle.api.openai.embeddings;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.coracle.api.openai.StrictScalars;

/**
 * The body of {@code POST /v1/embeddings}. Unknown fields ({@code user}) are ignored, as OpenAI
 * ignores them.
 *
 * @param input a string, an array of strings, or token arrays (which coracle refuses by name): kept
 *     as a tree and read by {@link EmbeddingsConversion} alone
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record EmbeddingsRequest(
    @JsonDeserialize(using = StrictScalars.Text.class) String model,
    JsonNode input,
    @JsonDeserialize(using = StrictScalars.WholeNumber.class) Integer dimensions,
    @JsonDeserialize(using = StrictScalars.Text.class) String encodingFormat) {}
