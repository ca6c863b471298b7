package dev.coracle.api.openai;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import java.util.Collection;
import java.util.Map;

/**
 * Translates Jackson's errors into OpenAI's 400: text that is not JSON is {@code invalid_json}; a
 * value of the wrong type names its parameter by JSON path ({@code messages[2].content}) and says
 * what was expected. Jackson's own messages are not passed on, except the parser's description of
 * broken JSON, which quotes no more than a character of the body.
 */
final class WireErrors {
  private WireErrors() {}

  static OpenAiException toOpenAi(JsonProcessingException error) {
    return toOpenAi(error, "");
  }

  /**
   * @param prefix the parameter the failing part sits at when only a part was read, or empty
   */
  static OpenAiException toOpenAi(JsonProcessingException error, String prefix) {
    for (Throwable cause = error; cause != null; cause = cause.getCause()) {
      if (cause instanceof StreamReadException || cause instanceof StreamConstraintsException) {
        return new OpenAiException(
            400,
            "invalid_request_error",
            null,
            "invalid_json",
            "The request body is not valid JSON: "
                + ((JsonProcessingException) cause).getOriginalMessage());
      }
    }
    String param = error instanceof JsonMappingException mapping ? param(prefix, mapping) : null;
    if (param == null && !prefix.isEmpty()) {
      param = prefix;
    }
    if (param == null) {
      return JsonBody.notAnObject();
    }
    return OpenAiException.invalid(param, "'" + param + "' must be " + expected(error));
  }

  /** The JSON path of the failing value, as OpenAI writes it: {@code tools[0].function.name}. */
  static String param(String prefix, JsonMappingException error) {
    StringBuilder path = new StringBuilder(prefix);
    for (JsonMappingException.Reference reference : error.getPath()) {
      if (reference.getIndex() >= 0) {
        path.append('[').append(reference.getIndex()).append(']');
      } else if (reference.getFieldName() != null) {
        if (!path.isEmpty()) {
          path.append('.');
        }
        path.append(reference.getFieldName());
      }
    }
    return path.isEmpty() ? null : path.toString();
  }

  private static String expected(JsonProcessingException error) {
    if (error instanceof ShapeMismatch shape) {
      return shape.expected();
    }
    if (error instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
      Class<?> type = mismatch.getTargetType();
      if (type == String.class) {
        return "a string";
      }
      if (type == Boolean.class || type == boolean.class) {
        return "a boolean";
      }
      if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
        return "an integer";
      }
      if (Number.class.isAssignableFrom(type) || type.isPrimitive()) {
        return "a number";
      }
      if (Collection.class.isAssignableFrom(type) || type.isArray()) {
        return "an array";
      }
      if (Map.class.isAssignableFrom(type) || type.isRecord()) {
        return "an object";
      }
    }
    return "a valid value";
  }
}
