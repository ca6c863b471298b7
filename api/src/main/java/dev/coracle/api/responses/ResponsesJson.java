package dev.coracle.api.responses;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import dev.coracle.activities.json.CoracleJson;

/** Writes and reads this door's records with coracle's one mapper. */
final class ResponsesJson {
  private ResponsesJson() {}

  static String write(Object value) {
    try {
      return CoracleJson.mapper().writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a Responses record is not serializable", e);
    }
  }

  /** Reads what this door wrote itself, so a failure is coracle's bug, not the client's. */
  static <T> T read(String json, TypeReference<T> type) {
    try {
      return CoracleJson.mapper().readValue(json, type);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a stored response is unreadable", e);
    }
  }
}
