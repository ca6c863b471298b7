package dev.coracle.activities.providers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.langchain4j.model.chat.request.json.JsonAnyOfSchema;
import dev.langchain4j.model.chat.request.json.JsonArraySchema;
import dev.langchain4j.model.chat.request.json.JsonBooleanSchema;
import dev.langchain4j.model.chat.request.json.JsonEnumSchema;
import dev.langchain4j.model.chat.request.json.JsonIntegerSchema;
import dev.langchain4j.model.chat.request.json.JsonNullSchema;
import dev.langchain4j.model.chat.request.json.JsonNumberSchema;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonRawSchema;
import dev.langchain4j.model.chat.request.json.JsonSchemaElement;
import dev.langchain4j.model.chat.request.json.JsonStringSchema;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Tool parameters in the form LangChain4j's Gemini module can send. It writes a function's
 * parameters as Gemini's OpenAPI-style {@code Schema} and accepts only typed schema elements (a raw
 * schema makes it throw), so the client's schema is translated, and whatever that {@code Schema}
 * has no room for is lost: {@code format}, {@code minimum} / {@code maximum}, {@code minLength},
 * {@code pattern}, {@code default}, {@code additionalProperties}, {@code const}, enums of anything
 * but strings. References are inlined first; a recursive one ends in an unconstrained value.
 */
final class GeminiSchemas {

  private GeminiSchemas() {}

  /**
   * @return null when there is no schema
   * @throws IllegalArgumentException when the text is not a JSON object
   */
  static JsonObjectSchema parameters(String schema) {
    JsonObjectSchema inlined = JsonSchemas.parameters(schema, true);
    if (inlined == null) {
      return null;
    }
    Map<String, JsonSchemaElement> properties = new LinkedHashMap<>();
    inlined.properties().forEach((name, property) -> properties.put(name, typed(property)));
    return JsonObjectSchema.builder()
        .description(inlined.description())
        .addProperties(properties)
        .required(inlined.required())
        .build();
  }

  private static JsonSchemaElement typed(JsonSchemaElement element) {
    if (element instanceof JsonRawSchema raw) {
      try {
        return typed(JsonSchemas.JSON.readTree(raw.schema()));
      } catch (Exception e) {
        throw new IllegalArgumentException("unreadable schema: " + raw.schema(), e);
      }
    }
    return element;
  }

  static JsonSchemaElement typed(JsonNode schema) {
    String description = schema.path("description").asText(null);
    JsonNode alternatives = schema.has("anyOf") ? schema.get("anyOf") : schema.get("oneOf");
    if (alternatives != null && alternatives.isArray() && !alternatives.isEmpty()) {
      // oneOf's "exactly one" has no Gemini equivalent; anyOf is the nearest.
      List<JsonSchemaElement> options = new ArrayList<>();
      alternatives.forEach(option -> options.add(typed(option)));
      return JsonAnyOfSchema.builder().description(description).anyOf(options).build();
    }
    JsonNode type = schema.path("type");
    if (type.isArray()) {
      // ["string", "null"]: one alternative per type, keeping the other keywords.
      List<JsonSchemaElement> options = new ArrayList<>();
      type.forEach(
          single ->
              options.add(typed(((ObjectNode) schema.deepCopy()).put("type", single.asText()))));
      return options.size() == 1
          ? options.get(0)
          : JsonAnyOfSchema.builder().description(description).anyOf(options).build();
    }
    return single(schema, typeOf(schema), description);
  }

  private static JsonSchemaElement single(JsonNode schema, String type, String description) {
    return switch (type) {
      case "string" -> stringOrEnum(schema, description);
      case "integer" -> JsonIntegerSchema.builder().description(description).build();
      case "number" -> JsonNumberSchema.builder().description(description).build();
      case "boolean" -> JsonBooleanSchema.builder().description(description).build();
      case "null" -> new JsonNullSchema();
      case "array" ->
          JsonArraySchema.builder()
              .description(description)
              .items(schema.has("items") ? typed(schema.get("items")) : unconstrained())
              .build();
      case "object" -> object(schema, description);
      // No type at all: an unconstrained value, which Gemini can only take as text.
      default -> JsonStringSchema.builder().description(description).build();
    };
  }

  private static String typeOf(JsonNode schema) {
    if (schema.path("type").isTextual()) {
      return schema.path("type").asText();
    }
    if (schema.has("properties")) {
      return "object";
    }
    if (schema.has("items")) {
      return "array";
    }
    return schema.path("enum").isArray() ? "string" : "";
  }

  /** Gemini's enums are lists of strings; any other enum keeps only its type. */
  private static JsonSchemaElement stringOrEnum(JsonNode schema, String description) {
    JsonNode values = schema.path("enum");
    if (!values.isArray() || values.isEmpty()) {
      return JsonStringSchema.builder().description(description).build();
    }
    List<String> strings = new ArrayList<>();
    values.forEach(v -> strings.add(v.asText()));
    return JsonEnumSchema.builder().description(description).enumValues(strings).build();
  }

  private static JsonObjectSchema object(JsonNode schema, String description) {
    Map<String, JsonSchemaElement> properties = new LinkedHashMap<>();
    schema
        .path("properties")
        .fields()
        .forEachRemaining(p -> properties.put(p.getKey(), typed(p.getValue())));
    List<String> required = new ArrayList<>();
    schema.path("required").forEach(name -> required.add(name.asText()));
    return JsonObjectSchema.builder()
        .description(description)
        .addProperties(properties)
        .required(required.isEmpty() ? null : required)
        .build();
  }

  private static JsonSchemaElement unconstrained() {
    return JsonStringSchema.builder().build();
  }
}
