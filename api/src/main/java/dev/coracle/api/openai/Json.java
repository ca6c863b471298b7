package dev.coracle.api.openai;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.coracle.activities.json.CoracleJson;

/**
 * Writes response bodies with coracle's own mapper, so null fields that OpenAI clients expect (such
 * as {@code "param": null}) are kept whatever the framework's inclusion settings are.
 */
public final class Json {
  private static final ObjectMapper MAPPER = CoracleJson.mapper();

  private Json() {}

  public static String write(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("response is not serializable", e);
    }
  }
}
