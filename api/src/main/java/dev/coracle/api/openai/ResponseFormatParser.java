package dev.coracle.api.openai;

import com.fasterxml.jackson.databind.JsonNode;

/** Validates {@code response_format}: text, json_object, or json_schema with a schema object. */
final class ResponseFormatParser {
  private ResponseFormatParser() {}

  /** The response format as JSON text for the model, or null for plain text. */
  static String parse(JsonNode root) {
    JsonNode format = root.get("response_format");
    if (format == null || format.isNull()) {
      return null;
    }
    if (!format.isObject() || !format.path("type").isTextual()) {
      throw OpenAiException.invalid(
          "response_format", "'response_format' must be an object with a 'type'");
    }
    return switch (format.get("type").asText()) {
      case "text" -> null;
      case "json_object" -> format.toString();
      case "json_schema" -> jsonSchema(format);
      default ->
          throw OpenAiException.invalidValue(
              "response_format.type",
              "'response_format.type' must be text, json_object or json_schema");
    };
  }

  private static String jsonSchema(JsonNode format) {
    JsonNode spec = format.path("json_schema");
    if (!spec.isObject() || !spec.path("name").isTextual()) {
      throw OpenAiException.invalid(
          "response_format.json_schema", "'json_schema' needs a 'name' and a 'schema'");
    }
    if (!spec.path("schema").isObject()) {
      throw OpenAiException.invalid(
          "response_format.json_schema.schema",
          "'json_schema.schema' must be a JSON schema object");
    }
    return format.toString();
  }
}
