package dev.coracle.api.openai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.coracle.activities.embeddings.LocalEmbeddings;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /v1/embeddings} served by the in-process MiniLM model: free embeddings for clients
 * doing retrieval, with no model server and no LLM slot.
 */
@Controller("/v1")
public class EmbeddingsController {
  /** Enough for retrieval batches; bigger ones should be split by the client. */
  static final int MAX_INPUTS = 2048;

  private final LocalEmbeddings embeddings;

  public EmbeddingsController(LocalEmbeddings embeddings) {
    this.embeddings = embeddings;
  }

  @Post("/embeddings")
  @Consumes(MediaType.ALL)
  @ExecuteOn(TaskExecutors.BLOCKING)
  public HttpResponse<String> embed(@Nullable @Body String body) {
    JsonNode root = JsonBody.readObject(body);
    JsonNode model = root.get("model");
    if (model == null || !model.isTextual()) {
      throw OpenAiException.invalid("model", "Missing required parameter: 'model'");
    }
    if (!LocalEmbeddings.MODEL_NAME.equals(model.asText())) {
      throw new OpenAiException(
          404,
          "invalid_request_error",
          "model",
          "model_not_found",
          "The embedding model '"
              + model.asText()
              + "' does not exist here; use '"
              + LocalEmbeddings.MODEL_NAME
              + "'");
    }
    List<String> inputs = inputs(root.get("input"));
    checkDimensions(root.get("dimensions"));
    boolean base64 = encoding(root.get("encoding_format"));
    LocalEmbeddings.Batch batch = embeddings.embedBatch(inputs);
    List<Map<String, Object>> data = new ArrayList<>();
    for (int i = 0; i < batch.vectors().size(); i++) {
      Map<String, Object> item = new LinkedHashMap<>();
      item.put("object", "embedding");
      item.put("index", i);
      float[] vector = batch.vectors().get(i);
      item.put("embedding", base64 ? toBase64(vector) : vector);
      data.add(item);
    }
    Map<String, Object> response = new LinkedHashMap<>();
    response.put("object", "list");
    response.put("data", data);
    response.put("model", LocalEmbeddings.MODEL_NAME);
    response.put(
        "usage", Map.of("prompt_tokens", batch.inputTokens(), "total_tokens", batch.inputTokens()));
    return HttpResponse.ok(Json.write(response)).contentType(MediaType.APPLICATION_JSON_TYPE);
  }

  private static List<String> inputs(JsonNode input) {
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

  private static void checkDimensions(JsonNode dimensions) {
    if (dimensions != null
        && !dimensions.isNull()
        && (!dimensions.isInt() || dimensions.intValue() != LocalEmbeddings.DIMENSIONS)) {
      throw OpenAiException.invalidValue(
          "dimensions",
          LocalEmbeddings.MODEL_NAME
              + " has "
              + LocalEmbeddings.DIMENSIONS
              + " dimensions; 'dimensions' can only be "
              + LocalEmbeddings.DIMENSIONS);
    }
  }

  private static boolean encoding(JsonNode format) {
    if (format == null || format.isNull() || "float".equals(format.asText())) {
      return false;
    }
    if ("base64".equals(format.asText())) {
      return true;
    }
    throw OpenAiException.invalidValue(
        "encoding_format", "'encoding_format' must be float or base64");
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
