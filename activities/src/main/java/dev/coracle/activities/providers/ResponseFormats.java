package dev.coracle.activities.providers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.langchain4j.model.chat.request.ResponseFormatType;
import dev.langchain4j.model.chat.request.json.JsonSchema;
import java.util.Map;

/** OpenAI's {@code response_format}, read from the client's JSON text. */
final class ResponseFormats {

  private ResponseFormats() {}

  /**
   * The format as a JSON object, or null for plain text.
   *
   * @throws IllegalArgumentException for malformed JSON or an unknown type
   */
  static ObjectNode parse(String responseFormat) {
    if (responseFormat == null || responseFormat.isBlank()) {
      return null;
    }
    ObjectNode format = JsonSchemas.parseObject(responseFormat, "response_format");
    String type = format.path("type").asText("");
    return switch (type) {
      case "text" -> null;
      case "json_object", "json_schema" -> format;
      default ->
          throw new IllegalArgumentException(
              "unsupported response_format type '"
                  + type
                  + "'; expected text, json_object or json_schema");
    };
  }

  static boolean isJsonSchema(ObjectNode format) {
    return format != null && "json_schema".equals(format.path("type").asText());
  }

  /**
   * LangChain4j's form: JSON mode, constrained by the client's schema when there is one. The schema
   * travels as a raw root so that no keyword is lost; its {@code strict} flag has no place here.
   */
  static ResponseFormat toLangChain4j(ObjectNode format) {
    if (format == null) {
      return null;
    }
    JsonNode schema = format.path("json_schema").path("schema");
    if (!isJsonSchema(format) || !schema.isObject()) {
      return ResponseFormat.JSON;
    }
    String name = format.path("json_schema").path("name").asText("response");
    return ResponseFormat.builder()
        .type(ResponseFormatType.JSON)
        .jsonSchema(JsonSchema.builder().name(name).rootElement(JsonSchemas.raw(schema)).build())
        .build();
  }

  /** The whole object as the client sent it, for an upstream that speaks OpenAI's wire format. */
  @SuppressWarnings("unchecked")
  static Map<String, Object> verbatim(ObjectNode format) {
    return JsonSchemas.JSON.convertValue(format, Map.class);
  }
}
