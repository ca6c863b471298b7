package dev.coracle.activities.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.coracle.activities.json.CoracleJson;
import java.io.IOException;
import java.util.Optional;

/**
 * Finds the JSON in a model's answer. Models asked for JSON still wrap it in code fences or a
 * sentence of preamble now and then, so the outermost object or array is taken from the text.
 */
final class StructuredText {
  private static final ObjectMapper JSON = CoracleJson.mapper();

  private StructuredText() {}

  static Optional<JsonNode> json(String raw) {
    if (raw == null || raw.isBlank()) {
      return Optional.empty();
    }
    String text = raw.strip();
    Optional<JsonNode> whole = parse(text);
    if (whole.isPresent()) {
      return whole;
    }
    for (char open : new char[] {'{', '['}) {
      char close = open == '{' ? '}' : ']';
      int start = text.indexOf(open);
      int end = text.lastIndexOf(close);
      if (start >= 0 && end > start) {
        Optional<JsonNode> inner = parse(text.substring(start, end + 1));
        if (inner.isPresent()) {
          return inner;
        }
      }
    }
    return Optional.empty();
  }

  private static Optional<JsonNode> parse(String text) {
    try {
      JsonNode node = JSON.readTree(text);
      return node != null && node.isContainerNode() ? Optional.of(node) : Optional.empty();
    } catch (IOException notJson) {
      return Optional.empty();
    }
  }
}
