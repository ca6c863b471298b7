package dev.coracle.activities.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Lets a {@code CORACLE_*} environment variable override any key. The name is the key's path in
 * upper case with {@code _} between segments and for {@code -}: {@code server.port} is {@code
 * CORACLE_SERVER_PORT}, {@code local.ollama.base-url} is {@code CORACLE_LOCAL_OLLAMA_BASE_URL}.
 * Providers are addressed by name: {@code CORACLE_PROVIDERS_GROQ_BASE_URL}. Lists take
 * comma-separated values.
 *
 * <p>The keys come from the config records themselves, so every key has its variable without a
 * second list to keep in step.
 */
final class EnvironmentOverrides {
  static final String PREFIX = "CORACLE";

  private EnvironmentOverrides() {}

  static void apply(ObjectNode tree, Map<String, String> env) {
    applyRecord(tree, CoracleConfig.class, PREFIX, env);
  }

  private static void applyRecord(
      ObjectNode node, Class<?> type, String prefix, Map<String, String> env) {
    for (RecordComponent component : type.getRecordComponents()) {
      String key = kebab(component.getName());
      String variable = prefix + "_" + segmentName(key);
      Class<?> valueType = component.getType();
      if (valueType.isRecord()) {
        JsonNode child = node.get(key);
        if (!(child instanceof ObjectNode)) {
          child = node.putObject(key);
        }
        applyRecord((ObjectNode) child, valueType, variable, env);
      } else if (List.class.isAssignableFrom(valueType)
          && elementType(component.getGenericType()).isRecord()) {
        applyNamedElements(node.get(key), elementType(component.getGenericType()), variable, env);
      } else if (env.containsKey(variable)) {
        node.set(key, valueNode(env.get(variable), valueType));
      }
    }
  }

  /** Elements of a list of records (providers) are addressed by their {@code name}. */
  private static void applyNamedElements(
      JsonNode list, Class<?> elementType, String prefix, Map<String, String> env) {
    if (!(list instanceof ArrayNode array)) {
      return;
    }
    for (JsonNode element : array) {
      if (element instanceof ObjectNode object && object.hasNonNull("name")) {
        applyRecord(
            object, elementType, prefix + "_" + segmentName(object.get("name").asText()), env);
      }
    }
  }

  private static JsonNode valueNode(String value, Class<?> type) {
    if (List.class.isAssignableFrom(type)) {
      ArrayNode array = JsonNodeFactory.instance.arrayNode();
      for (String item : value.split(",")) {
        if (!item.isBlank()) {
          array.add(item.trim());
        }
      }
      return array;
    }
    return JsonNodeFactory.instance.textNode(value);
  }

  private static Class<?> elementType(Type generic) {
    if (generic instanceof ParameterizedType parameterized
        && parameterized.getActualTypeArguments()[0] instanceof Class<?> element) {
      return element;
    }
    return Object.class;
  }

  static String kebab(String camel) {
    return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
  }

  private static String segmentName(String segment) {
    return segment.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
  }
}
