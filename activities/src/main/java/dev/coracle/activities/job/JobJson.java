package dev.coracle.activities.job;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.coracle.activities.json.CoracleJson;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The JSON columns of the job tables: requests, plans, steps and transcripts, as the workflow's
 * records. One mapper, so that what one method writes the others read.
 */
final class JobJson {

  /**
   * Unknown fields are ignored, so that rows written by a newer coracle still read after a
   * downgrade and a field removed from a record does not strand the jobs that stored it.
   */
  private static final ObjectMapper JSON = CoracleJson.mapper();

  private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};

  private JobJson() {}

  static String write(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException("a job record did not serialize", e);
    }
  }

  static <T> T read(String json, Class<T> type) {
    try {
      return JSON.readValue(json, type);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException("a stored " + type.getSimpleName() + " did not read", e);
    }
  }

  /** A JSON array of strings; null or blank reads as an empty list. */
  static List<String> strings(String json) {
    if (json == null || json.isBlank()) {
      return List.of();
    }
    try {
      return JSON.readValue(json, STRINGS);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException("a stored list of strings did not read", e);
    }
  }
}
