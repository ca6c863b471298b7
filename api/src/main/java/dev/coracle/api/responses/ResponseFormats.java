package dev.coracle.api.responses;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.coracle.activities.json.CoracleJson;
import dev.coracle.api.openai.OpenAiException;

/**
 * {@code text.format} in the internal form, which is chat completions' {@code response_format}:
 * {@code json_schema} moves its name, schema and strictness under {@code json_schema}.
 */
final class ResponseFormats {
  private ResponseFormats() {}

  /** The internal response format as JSON text, or null for plain text. */
  static String internal(TextConfig text) {
    if (text == null || text.format() == null) {
      return null;
    }
    TextConfig.Format format = text.format();
    if (format.type() == null) {
      throw OpenAiException.invalid("text.format.type", "Missing required parameter: 'type'");
    }
    ObjectNode internal = CoracleJson.mapper().createObjectNode().put("type", format.type());
    return switch (format.type()) {
      case "text" -> null;
      case "json_object" -> internal.toString();
      case "json_schema" -> {
        if (format.name() == null || format.name().isBlank()) {
          throw OpenAiException.invalid(
              "text.format.name", "Missing required parameter: 'text.format.name'");
        }
        if (format.schema() == null || !format.schema().isObject()) {
          throw OpenAiException.invalid(
              "text.format.schema", "'text.format.schema' must be a JSON schema object");
        }
        ObjectNode spec = internal.putObject("json_schema").put("name", format.name());
        spec.set("schema", format.schema());
        if (format.strict() != null) {
          spec.put("strict", format.strict());
        }
        if (format.description() != null) {
          spec.put("description", format.description());
        }
        yield internal.toString();
      }
      default ->
          throw OpenAiException.invalidValue(
              "text.format.type", "'text.format.type' must be text, json_object or json_schema");
    };
  }
}
