package dev.coracle.api.jobs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.coracle.activities.json.CoracleJson;

/**
 * Writes the jobs API's bodies with a plain mapper, so null fields stay in the output whatever the
 * framework's inclusion settings are: a client sees {@code "error": null}, not a missing key.
 */
final class JobsJson {
  private static final ObjectMapper MAPPER = CoracleJson.mapper();

  private JobsJson() {}

  static String write(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a job view is not serializable", e);
    }
  }
}
