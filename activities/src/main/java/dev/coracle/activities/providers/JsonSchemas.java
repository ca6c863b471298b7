package dev.coracle.activities.providers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.coracle.activities.json.CoracleJson;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonRawSchema;
import dev.langchain4j.model.chat.request.json.JsonSchemaElement;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a client's JSON schema text into LangChain4j schema elements without losing keywords.
 *
 * <p>LangChain4j's typed elements know only type, description, properties, required, items, enum
 * and anyOf, so {@code format}, {@code minimum}, {@code default}, {@code pattern}, nested {@code
 * additionalProperties} and the like would be dropped on the way to the upstream. Both the OpenAI
 * and the Ollama module serialize a {@link JsonRawSchema} verbatim, so everything below the root is
 * passed as raw schema. Only the root has to be a typed {@link JsonObjectSchema}, because that is
 * what a tool's parameters are in LangChain4j.
 */
final class JsonSchemas {

  static final ObjectMapper JSON = CoracleJson.mapper();

  private static final String DEFS = "#/$defs/";
  private static final String DRAFT7_DEFS = "#/definitions/";

  private JsonSchemas() {}

  /**
   * The parameters of a tool. Root keywords other than description, properties, required,
   * additionalProperties and {@code $defs} (or draft-07 {@code definitions}) have no place in
   * LangChain4j's root object and are dropped; the root's additionalProperties only reaches OpenAI
   * in strict mode, where LangChain4j forces it to false anyway.
   *
   * @param inlineDefinitions replace local {@code $ref}s by the definitions they point to, for
   *     upstreams (Ollama) whose tool parameters carry no {@code $defs}
   * @return null when there is no schema
   * @throws IllegalArgumentException when the text is not a JSON object
   */
  static JsonObjectSchema parameters(String schema, boolean inlineDefinitions) {
    if (schema == null || schema.isBlank()) {
      return null;
    }
    ObjectNode root = parseObject(schema, "tool parameters");
    Map<String, JsonNode> definitions = definitions(root);
    JsonObjectSchema.Builder builder = JsonObjectSchema.builder();
    if (root.path("description").isTextual()) {
      builder.description(root.path("description").asText());
    }
    Map<String, JsonSchemaElement> properties = new LinkedHashMap<>();
    Iterator<Map.Entry<String, JsonNode>> fields = root.path("properties").fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> property = fields.next();
      JsonNode value = normalizeRefs(property.getValue().deepCopy());
      if (inlineDefinitions) {
        value = inline(value, definitions, new ArrayDeque<>());
      }
      properties.put(property.getKey(), raw(value));
    }
    builder.addProperties(properties);
    if (root.path("required").isArray()) {
      List<String> required = new ArrayList<>();
      root.path("required").forEach(name -> required.add(name.asText()));
      builder.required(required);
    }
    if (root.path("additionalProperties").isBoolean()) {
      builder.additionalProperties(root.path("additionalProperties").asBoolean());
    }
    if (!inlineDefinitions && !definitions.isEmpty()) {
      Map<String, JsonSchemaElement> defs = new LinkedHashMap<>();
      definitions.forEach((name, definition) -> defs.put(name, raw(definition)));
      builder.definitions(defs);
    }
    return builder.build();
  }

  /**
   * A schema passed verbatim. LangChain4j reads raw schemas back as JSON objects, so the boolean
   * schemas {@code true} and {@code false} are written in their object forms.
   */
  static JsonRawSchema raw(JsonNode schema) {
    if (schema.isBoolean()) {
      return JsonRawSchema.from(schema.asBoolean() ? "{}" : "{\"not\":{}}");
    }
    return JsonRawSchema.from(schema.toString());
  }

  static ObjectNode parseObject(String text, String what) {
    JsonNode node;
    try {
      node = JSON.readTree(text);
    } catch (Exception e) {
      throw new IllegalArgumentException(what + " are not valid JSON: " + e.getMessage(), e);
    }
    if (!(node instanceof ObjectNode object)) {
      throw new IllegalArgumentException(what + " must be a JSON object, got: " + text);
    }
    return object;
  }

  /**
   * {@code $defs} and draft-07 {@code definitions} merged under the {@code $defs} name, the only
   * one LangChain4j writes, with their references rewritten to match.
   */
  private static Map<String, JsonNode> definitions(ObjectNode root) {
    Map<String, JsonNode> definitions = new LinkedHashMap<>();
    for (String key : List.of("definitions", "$defs")) {
      root.path(key)
          .fields()
          .forEachRemaining(
              d -> definitions.put(d.getKey(), normalizeRefs(d.getValue().deepCopy())));
    }
    return definitions;
  }

  private static JsonNode normalizeRefs(JsonNode node) {
    if (node instanceof ObjectNode object
        && object.path("$ref").isTextual()
        && object.path("$ref").asText().startsWith(DRAFT7_DEFS)) {
      object.put("$ref", DEFS + object.path("$ref").asText().substring(DRAFT7_DEFS.length()));
    }
    node.forEach(JsonSchemas::normalizeRefs);
    return node;
  }

  /**
   * Replaces each local reference by a copy of its definition, keeping sibling keywords such as a
   * description. A reference back into a definition being expanded (a recursive type) becomes an
   * unconstrained schema, the closest finite approximation.
   */
  private static JsonNode inline(
      JsonNode node, Map<String, JsonNode> definitions, Deque<String> expanding) {
    if (node instanceof ObjectNode object && object.path("$ref").isTextual()) {
      String ref = object.path("$ref").asText();
      String name = ref.startsWith(DEFS) ? ref.substring(DEFS.length()) : null;
      if (name != null && definitions.containsKey(name)) {
        ObjectNode resolved = JSON.createObjectNode();
        if (!expanding.contains(name)) {
          expanding.push(name);
          JsonNode definition = inline(definitions.get(name).deepCopy(), definitions, expanding);
          expanding.pop();
          if (definition instanceof ObjectNode body) {
            resolved.setAll(body);
          }
        }
        object.fields().forEachRemaining(f -> resolved.set(f.getKey(), f.getValue()));
        resolved.remove("$ref");
        return resolved;
      }
    }
    if (node instanceof ObjectNode object) {
      List<String> names = new ArrayList<>();
      object.fieldNames().forEachRemaining(names::add);
      names.forEach(name -> object.set(name, inline(object.get(name), definitions, expanding)));
    } else if (node instanceof ArrayNode array) {
      for (int i = 0; i < array.size(); i++) {
        array.set(i, inline(array.get(i), definitions, expanding));
      }
    }
    return node;
  }
}
