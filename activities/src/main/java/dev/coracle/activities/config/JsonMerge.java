package dev.coracle.activities.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;

/** Merges the user's file over the defaults: maps merge key by key, everything else replaces. */
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
      } else {
        target.set(field.getKey(), field.getValue());
      }
    }
  }
}
