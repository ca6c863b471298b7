package dev.coracle.activities.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;

/**
 * Merges the user's file over the defaults: maps merge key by key; lists of named entries (such as
 * browser sites) merge entry by entry, so {@code - name: claude, enabled: true} keeps the shipped
 * selectors; everything else replaces.
 */
final class JsonMerge {
  private JsonMerge() {}

  static void mergeInto(ObjectNode target, JsonNode overlay) {
    Iterator<Map.Entry<String, JsonNode>> fields = overlay.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      if (field.getValue().isNull()) {
        // A section left empty (e.g. every entry commented out) keeps its defaults.
        continue;
      }
      JsonNode existing = target.get(field.getKey());
      if (existing instanceof ObjectNode existingObject && field.getValue().isObject()) {
        mergeInto(existingObject, field.getValue());
      } else if (existing instanceof ArrayNode defaults
          && isNamedList(defaults)
          && isNamedList(field.getValue())) {
        mergeNamed(defaults, (ArrayNode) field.getValue());
      } else {
        target.set(field.getKey(), field.getValue());
      }
    }
  }

  private static void mergeNamed(ArrayNode defaults, ArrayNode overlay) {
    for (JsonNode entry : overlay) {
      ObjectNode match = null;
      for (JsonNode candidate : defaults) {
        if (candidate.path("name").equals(entry.path("name"))) {
          match = (ObjectNode) candidate;
        }
      }
      if (match != null) {
        mergeInto(match, entry);
      } else {
        defaults.add(entry);
      }
    }
  }

  /** A non-empty list whose every element is an object with a {@code name}. */
  private static boolean isNamedList(JsonNode node) {
    if (!node.isArray() || node.isEmpty()) {
      return false;
    }
    for (JsonNode element : node) {
      if (!element.isObject() || !element.path("name").isTextual()) {
        return false;
      }
    }
    return true;
  }
}
