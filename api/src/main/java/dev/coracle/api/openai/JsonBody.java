package dev.coracle.api.openai;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Reads a request body that must be a JSON object, or fails with OpenAI's 400. */
public final class JsonBody {
  private static final ObjectMapper JSON = new ObjectMapper();

  private JsonBody() {}

  public static JsonNode readObject(String body) {
    if (body == null || body.isBlank()) {
      throw OpenAiException.invalid(null, "The request body is empty; send a JSON object");
    }
    try {
      JsonNode root = JSON.readTree(body);
      if (root == null || !root.isObject()) {
        throw OpenAiException.invalid(null, "The request body must be a JSON object");
      }
      return root;
    } catch (JsonProcessingException e) {
      throw new OpenAiException(
          400,
          "invalid_request_error",
          null,
          "invalid_json",
          "The request body is not valid JSON: " + e.getOriginalMessage());
    }
  }
}
