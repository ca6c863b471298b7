package dev.coracle.api.completions;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.coracle.activities.json.CoracleJson;
import dev.coracle.api.openai.OpenAiException;
import java.util.stream.Collectors;

/** Reads a {@code /v1/completions} body into its record; every refusal names what was wrong. */
final class CompletionReader {

  private CompletionReader() {}

  static CompletionRequest read(String body) {
    if (body == null || body.isBlank()) {
      throw OpenAiException.invalid(null, "The request body is empty; send a JSON object");
    }
    JsonNode tree;
    try {
      tree = CoracleJson.mapper().readTree(body);
    } catch (JsonProcessingException e) {
      throw OpenAiException.invalid(null, "The request body is not valid JSON");
    }
    if (tree == null || !tree.isObject()) {
      throw OpenAiException.invalid(null, "The request body must be a JSON object");
    }
    try {
      return CoracleJson.mapper().treeToValue(tree, CompletionRequest.class);
    } catch (JsonMappingException e) {
      String param = param(e);
      throw OpenAiException.invalid(param, "Invalid type for '" + param + "'");
    } catch (JsonProcessingException e) {
      throw OpenAiException.invalid(null, "The request body could not be read");
    }
  }

  /** The JSON path of the field that did not fit, e.g. {@code stream_options.include_usage}. */
  private static String param(JsonMappingException e) {
    return e.getPath().stream()
        .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
        .collect(Collectors.joining("."))
        .replace(".[", "[");
  }
}
