package dev.coracle.api.responses;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import dev.coracle.activities.json.CoracleJson;
import dev.coracle.api.openai.JsonBody;
import dev.coracle.api.openai.OpenAiException;
import java.util.List;

/**
 * Reads a {@code POST /v1/responses} body into its record, the way OpenAI validates it: each
 * problem is a 400 that names the offending parameter, such as {@code input[2].call_id}.
 */
final class RequestReader {
  private static final ObjectMapper JSON = CoracleJson.mapper();

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
    try {
      return JSON.treeToValue(node, type);
    } catch (JsonMappingException e) {
      String param = param(prefix, e.getPath());
      throw OpenAiException.invalid(
          param.isEmpty() ? null : param,
          "Invalid type for '"
              + (param.isEmpty() ? "body" : param)
              + "'"
              + expected(e)
              + "; see the Responses API reference for its shape");
    } catch (JsonProcessingException | IllegalArgumentException e) {
      throw OpenAiException.invalid(
          prefix.isEmpty() ? null : prefix,
          "'" + (prefix.isEmpty() ? "body" : prefix) + "' is not in the expected shape");
    }
  }

  /**
   * What the value should have been, in the API's words. Jackson's own message names Java types,
   * which mean nothing to a client.
   */
  private static String expected(JsonMappingException e) {
    if (!(e instanceof MismatchedInputException mismatch) || mismatch.getTargetType() == null) {
      return "";
    }
    Class<?> target = mismatch.getTargetType();
    if (target == String.class) {
      return ": expected a string";
    }
    if (target == Boolean.class || target == boolean.class) {
      return ": expected a boolean";
    }
    if (target == Integer.class || target == int.class) {
      return ": expected an integer";
    }
    if (Number.class.isAssignableFrom(target) || target.isPrimitive()) {
      return ": expected a number";
    }
    if (List.class.isAssignableFrom(target)) {
      return ": expected an array";
    }
    return target.isRecord() || target.isInterface() ? ": expected an object" : "";
  }

  /** The path of a mapping failure as OpenAI names parameters: {@code input[0].content}. */
  static String param(String prefix, List<JsonMappingException.Reference> path) {
    StringBuilder param = new StringBuilder(prefix);
    for (JsonMappingException.Reference step : path) {
      if (step.getIndex() >= 0) {
        param.append('[').append(step.getIndex()).append(']');
      } else if (step.getFieldName() != null) {
        if (!param.isEmpty()) {
          param.append('.');
        }
        param.append(step.getFieldName());
      }
    }
    return param.toString();
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
