package dev.coracle.api.openai.embeddings;

import com.fasterxml.jackson.databind.JsonNode;
import dev.coracle.activities.embeddings.LocalEmbeddings;
import dev.coracle.api.openai.OpenAiException;
import dev.coracle.api.openai.RequestText;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Checks an {@link EmbeddingsRequest} against what the local model can do, and turns its result
 * into an {@link EmbeddingsResponse}.
 */
final class EmbeddingsConversion {
  /** Enough for retrieval batches; bigger ones should be split by the client. */
  static final int MAX_INPUTS = 2048;

  private EmbeddingsConversion() {}

  static void requireLocalModel(EmbeddingsRequest request) {
    if (request.model() == null) {
      throw OpenAiException.invalid("model", "Missing required parameter: 'model'");
    }
    if (!LocalEmbeddings.MODEL_NAME.equals(request.model())) {
      throw new OpenAiException(
          404,
          "invalid_request_error",
          "model",
          "model_not_found",
          "The embedding model '"
              + request.model()
              + "' does not exist here; use '"
              + LocalEmbeddings.MODEL_NAME
              + "'");
    }
  }

  /** The local model's vectors have one size; a client may only ask for that one. */
  static void checkDimensions(Integer dimensions) {
    if (dimensions != null && dimensions != LocalEmbeddings.DIMENSIONS) {
      throw OpenAiException.invalidValue(
          "dimensions",
          LocalEmbeddings.MODEL_NAME
              + " has "
              + LocalEmbeddings.DIMENSIONS
              + " dimensions; 'dimensions' can only be "
              + LocalEmbeddings.DIMENSIONS);
    }
  }

  /** The texts to embed, each cleaned by {@link RequestText}. */
  static List<String> inputs(JsonNode input) {
    if (input == null || input.isNull()) {
      throw OpenAiException.invalid("input", "Missing required parameter: 'input'");
    }
    if (input.isTextual()) {
      return List.of(nonBlank(input.asText()));
    }
    if (!input.isArray()) {
      throw OpenAiException.invalid("input", "'input' must be a string or an array of strings");
    }
    if (input.isEmpty()) {
      throw invalidInput("an empty array has nothing to embed");
    }
    if (input.size() > MAX_INPUTS) {
      throw OpenAiException.invalidValue(
          "input", "'input' may hold at most " + MAX_INPUTS + " strings");
    }
    List<String> texts = new ArrayList<>();
    for (int i = 0; i < input.size(); i++) {
      if (!input.get(i).isTextual()) {
        throw OpenAiException.invalid(
            "input[" + i + "]", "Only text input is supported; token arrays are not");
      }
      texts.add(nonBlank(input.get(i).asText()));
    }
    return texts;
  }

  /** True for base64 vectors, false for arrays of floats. */
  static boolean base64(String format) {
    if (format == null || "float".equals(format)) {
      return false;
    }
    if ("base64".equals(format)) {
      return true;
    }
    throw OpenAiException.invalidValue(
        "encoding_format", "'encoding_format' must be float or base64");
  }

  static EmbeddingsResponse response(LocalEmbeddings.Batch batch, boolean base64) {
    List<EmbeddingsResponse.Embedding> data = new ArrayList<>();
    for (int i = 0; i < batch.vectors().size(); i++) {
      float[] vector = batch.vectors().get(i);
      data.add(
          new EmbeddingsResponse.Embedding("embedding", i, base64 ? toBase64(vector) : vector));
    }
    return new EmbeddingsResponse(
        "list",
        List.copyOf(data),
        LocalEmbeddings.MODEL_NAME,
        new EmbeddingsResponse.Usage(batch.inputTokens(), batch.inputTokens()));
  }

  /**
   * The text cleaned by {@link RequestText}, refused when nothing the model reads is left (an empty
   * or blank string, or only characters its tokenizer drops): it cannot be embedded.
   */
  private static String nonBlank(String text) {
    String cleaned = RequestText.clean(text);
    if (!LocalEmbeddings.canRead(cleaned)) {
      throw invalidInput("it cannot be empty, blank, or only characters the model does not read");
    }
    return cleaned;
  }

  /**
   * OpenAI's answer to an empty string or an empty array: 400 with neither {@code param} nor {@code
   * code}, and a message about {@code $.input}. Clients that handle it for OpenAI handle it here.
   */
  private static OpenAiException invalidInput(String reason) {
    return new OpenAiException(
        400, "invalid_request_error", null, null, "'$.input' is invalid: " + reason);
  }

  /** OpenAI's base64 format: the float32 values, little-endian. */
  private static String toBase64(float[] vector) {
    ByteBuffer buffer = ByteBuffer.allocate(vector.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    for (float value : vector) {
      buffer.putFloat(value);
    }
    return Base64.getEncoder().encodeToString(buffer.array());
  }
}
