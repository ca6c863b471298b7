package dev.coracle.api.responses;

import com.fasterxml.jackson.databind.JsonNode;
import dev.coracle.api.openai.JsonBody;
import dev.coracle.api.openai.OpenAiException;

/**
 * Reads a {@code POST /v1/responses} body into its record, the way OpenAI validates it: each
 * problem is a 400 that names the offending parameter, such as {@code input[2].call_id}.
 */
final class RequestReader {

  private RequestReader() {}

  static ResponsesRequest read(String body) {
    ResponsesRequest request = bind(JsonBody.readObject(body), ResponsesRequest.class, "");
    requireText(request.model(), "model");
    if (request.input() == null || request.input().isNull()) {
      throw OpenAiException.invalid("input", "Missing required parameter: 'input'");
    }
    range(request.temperature(), "temperature", 0, 2);
    range(request.topP(), "top_p", 0, 1);
    if (request.maxOutputTokens() != null && request.maxOutputTokens() < 1) {
      throw OpenAiException.invalidValue(
          "max_output_tokens",
          "'max_output_tokens' must be at least 1 (got " + request.maxOutputTokens() + ")");
    }
    if (request.previousResponseId() != null && request.previousResponseId().isBlank()) {
      throw OpenAiException.invalid(
          "previous_response_id", "'previous_response_id' must be a non-empty string");
    }
    return request;
  }

  /**
   * Binds JSON to a wire record; a value of the wrong type is a 400 naming where it is.
   *
   * @param prefix the parameter the node sits at, such as {@code input}, or empty for the body
   */
  static <T> T bind(JsonNode node, Class<T> type, String prefix) {
    return JsonBody.bind(node, type, prefix);
  }

  private static void requireText(String value, String param) {
    if (value == null) {
      throw OpenAiException.invalid(param, "Missing required parameter: '" + param + "'");
    }
    if (value.isBlank()) {
      throw OpenAiException.invalid(param, "'" + param + "' must be a non-empty string");
    }
  }

  private static void range(Double value, String param, double min, double max) {
    if (value != null && (value < min || value > max)) {
      throw OpenAiException.invalidValue(
          param, "'" + param + "' must be between " + min + " and " + max + " (got " + value + ")");
    }
  }
}
