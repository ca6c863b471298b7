package dev.coracle.api.openai;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

/**
 * A value of the wrong JSON shape, thrown by coracle's own deserializers. It says what was expected
 * in words a client reads ("a string or an array of parts"); {@link JsonBody} prefixes the
 * parameter's path, which Jackson adds as the exception travels up the record tree.
 */
public final class ShapeMismatch extends MismatchedInputException {
  private final String expected;

  public ShapeMismatch(JsonParser parser, String expected, Class<?> targetType) {
    super(parser, "expected " + expected, targetType);
    this.expected = expected;
  }

  /** What the value should have been, e.g. {@code "a string"}. */
  public String expected() {
    return expected;
  }
}
