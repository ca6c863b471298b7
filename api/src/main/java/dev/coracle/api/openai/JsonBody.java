package dev.coracle.api.openai;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.coracle.activities.json.CoracleJson;

/**
 * Reads a request body, a JSON object, with coracle's one mapper, or fails with OpenAI's 400. Every
 * Jackson error becomes that 400 here, naming the parameter by its JSON path; none reaches the
 * client as a 500.
 */
public final class JsonBody {
  private static final ObjectMapper JSON = CoracleJson.mapper();

  private JsonBody() {}

  /** The body as a tree, for the few native routes that read one or two fields. */
  public static JsonNode readObject(String body) {
    requireContent(body);
    JsonNode root;
    try {
      root = JSON.readTree(body);
    } catch (JsonProcessingException e) {
      throw WireErrors.toOpenAi(e);
    }
    if (root == null || !root.isObject()) {
      throw notAnObject();
    }
    return root;
  }

  /** The body as a wire record; unknown fields are ignored, as OpenAI ignores them. */
  public static <T> T read(String body, Class<T> type) {
    return read(body, readerFor(type));
  }

  /**
   * A reader of one wire record, made once by a door that reads it on every request: the reader
   * keeps the record's deserializer, which {@link ObjectMapper#readValue} looks up per call.
   */
  public static ObjectReader readerFor(Class<?> type) {
    return JSON.readerFor(type);
  }

  /** The body as the wire record {@code reader} was made for ({@link #readerFor}). */
  public static <T> T read(String body, ObjectReader reader) {
    requireContent(body);
    T value;
    try {
      value = reader.readValue(body);
    } catch (JsonProcessingException e) {
      throw WireErrors.toOpenAi(e);
    }
    if (value == null) {
      throw notAnObject();
    }
    return value;
  }

  /**
   * A part of a body, already read as a tree, as a wire record; a value of the wrong type is the
   * same 400, naming its place below {@code prefix}.
   *
   * @param prefix the parameter the node sits at, such as {@code input}, or empty for the body
   */
  public static <T> T bind(JsonNode node, Class<T> type, String prefix) {
    try {
      T value = JSON.treeToValue(node, type);
      if (value == null) {
        throw notAnObject();
      }
      return value;
    } catch (JsonProcessingException e) {
      throw WireErrors.toOpenAi(e, prefix);
    } catch (IllegalArgumentException e) {
      throw OpenAiException.invalid(
          prefix.isEmpty() ? null : prefix,
          "'" + (prefix.isEmpty() ? "body" : prefix) + "' is not in the expected shape");
    }
  }

  private static void requireContent(String body) {
    if (body == null || body.isBlank()) {
      throw OpenAiException.invalid(null, "The request body is empty; send a JSON object");
    }
  }

  static OpenAiException notAnObject() {
    return OpenAiException.invalid(null, "The request body must be a JSON object");
  }
}
