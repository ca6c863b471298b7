package dev.coracle.api.anthropic;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.coracle.activities.json.CoracleJson;
import dev.coracle.api.openai.OpenAiException;
import java.util.stream.Collectors;

/**
 * Reads a Messages body into its record. A body that is not JSON, not an object, or whose fields
 * have the wrong types is a 400 naming the field by its path, as Anthropic's are ({@code
 * messages.0.content.1.type}).
 */
final class MessagesReader {
  private MessagesReader() {}

  static MessagesRequest read(String body) {
    if (body == null || body.isBlank()) {
      throw OpenAiException.invalid(null, "The request body is empty; send a JSON object");
    }
    JsonNode root;
    try {
      root = CoracleJson.mapper().readTree(body);
    } catch (JsonProcessingException e) {
      throw OpenAiException.invalid(
          null, "The request body is not valid JSON: " + e.getOriginalMessage());
    }
    if (root == null || !root.isObject()) {
      throw OpenAiException.invalid(null, "The request body must be a JSON object");
    }
    try {
      return CoracleJson.mapper().treeToValue(root, MessagesRequest.class);
    } catch (JsonMappingException e) {
      String path = path(e);
      throw OpenAiException.invalid(
          path.isEmpty() ? null : path,
          (path.isEmpty() ? "" : path + ": ") + "Input has the wrong type (" + reason(e) + ")");
    } catch (JsonProcessingException e) {
      throw OpenAiException.invalid(null, "The request body could not be read");
    }
  }

  /** The field's path in Anthropic's notation: names and indexes joined by dots. */
  private static String path(JsonMappingException e) {
    return e.getPath().stream()
        .map(
            reference ->
                reference.getFieldName() != null
                    ? reference.getFieldName()
                    : Integer.toString(reference.getIndex()))
        .collect(Collectors.joining("."));
  }

  /** The first line of Jackson's explanation, without the location it appends. */
  private static String reason(JsonMappingException e) {
    String message = e.getOriginalMessage() == null ? "unreadable" : e.getOriginalMessage();
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
