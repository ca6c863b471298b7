package dev.coracle.activities.cache;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.coracle.activities.json.CoracleJson;
import dev.coracle.workflows.chat.ChatResult;
import java.io.UncheckedIOException;

/** A {@link ChatResult} as the cache stores it. */
final class ResultJson {

  /**
   * Unknown fields are ignored, so that rows written by a newer coracle still read after a
   * downgrade; fields they lack read as null or zero.
   */
  private static final ObjectMapper JSON = CoracleJson.mapper();

  private ResultJson() {}

  static String write(ChatResult result) {
    try {
      return JSON.writeValueAsString(result);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException("a chat result did not serialize", e);
    }
  }

  static ChatResult read(String json) {
    try {
      return JSON.readValue(json, ChatResult.class);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException("a cached chat result did not deserialize", e);
    }
  }
}
