package dev.coracle.activities.json;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The one configured {@link ObjectMapper} of coracle's own code: wire records at every door, store
 * columns and provider bodies are read and written with it.
 *
 * <p>Unknown fields are tolerated, as the vendors' APIs tolerate them: clients send fields coracle
 * has no use for (metadata, client hints, newer parameters) and must not be refused for it. Null
 * fields are written, because OpenAI-style error bodies carry {@code "param": null} and clients
 * expect the key. A record that wants to leave a field out says so with {@code @JsonInclude}.
 */
public final class CoracleJson {
  private static final ObjectMapper MAPPER =
      JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

  private CoracleJson() {}

  /** The shared mapper. It is thread-safe; never reconfigure it. */
  public static ObjectMapper mapper() {
    return MAPPER;
  }
}
