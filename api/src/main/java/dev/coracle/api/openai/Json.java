package dev.coracle.api.openai;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
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

  /**
   * A writer of one response type, made once by a door that writes it on every request: the writer
   * keeps the type's serializer, which {@link ObjectMapper#writeValueAsString} looks up per call.
   */
  public static ObjectWriter writerFor(Class<?> type) {
    return MAPPER.writerFor(type);
  }

  /** {@code value} written by {@code writer} ({@link #writerFor}). */
  public static String write(ObjectWriter writer, Object value) {
    try {
      return writer.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("response is not serializable", e);
    }
  }
}
