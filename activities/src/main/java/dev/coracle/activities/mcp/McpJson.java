package dev.coracle.activities.mcp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.coracle.activities.json.CoracleJson;
import java.util.Map;

/** JSON text to and from the maps the MCP SDK uses for schemas and arguments. */
final class McpJson {
  private static final ObjectMapper MAPPER = CoracleJson.mapper();

  private McpJson() {}

  static String write(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not JSON: " + e.getMessage(), e);
    }
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> toMap(Object json) {
    return MAPPER.convertValue(json, Map.class);
  }
}
