package dev.coracle.api.openai.chat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.coracle.api.openai.OpenAiException;

/** Checks {@code response_format}: text, json_object, or json_schema with a schema object. */
final class ResponseFormatConversion {
  private ResponseFormatConversion() {}

  /** The response format as JSON text for the model, or null for plain text. */
  static String toJson(ChatCompletionRequest.ResponseFormat format) {
    if (format == null) {
      return null;
    }
    if (format.type() == null) {
      throw OpenAiException.invalid(
          "response_format", "'response_format' must be an object with a 'type'");
    }
    ObjectNode json = JsonNodeFactory.instance.objectNode().put("type", format.type());
    return switch (format.type()) {
      case "text" -> null;
      case "json_object" -> json.toString();
      case "json_schema" -> json.set("json_schema", checkedSchema(format)).toString();
      default ->
          throw OpenAiException.invalidValue(
              "response_format.type",
              "'response_format.type' must be text, json_object or json_schema");
    };
  }

  private static com.fasterxml.jackson.databind.JsonNode checkedSchema(
      ChatCompletionRequest.ResponseFormat format) {
    var spec = format.jsonSchema();
    if (spec == null || !spec.isObject() || !spec.path("name").isTextual()) {
      throw OpenAiException.invalid(
          "response_format.json_schema", "'json_schema' needs a 'name' and a 'schema'");
    }
    if (!spec.path("schema").isObject()) {
      throw OpenAiException.invalid(
          "response_format.json_schema.schema",
          "'json_schema.schema' must be a JSON schema object");
    }
    return spec;
  }
}
