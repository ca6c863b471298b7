package dev.coracle.api.openai;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import java.io.IOException;

/**
 * Scalars read as OpenAI types them. Jackson on its own turns {@code 7} into {@code "7"}, {@code
 * "true"} into {@code true} and {@code 1.5} into {@code 1}; OpenAI refuses all three, and so does
 * coracle, naming the parameter. Wire records put these on their scalar fields with
 * {@code @JsonDeserialize(using = ...)}; a JSON null still reads as a Java null.
 */
public final class StrictScalars {
  private StrictScalars() {}

  /** A JSON string, nothing else. */
  public static final class Text extends StdScalarDeserializer<String> {
    public Text() {
      super(String.class);
    }

    @Override
    public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      if (p.hasToken(JsonToken.VALUE_STRING)) {
        return p.getText();
      }
      throw new ShapeMismatch(p, "a string", String.class);
    }
  }

  /** A JSON integer that fits in an {@code int}: no fraction, no string of digits. */
  public static final class WholeNumber extends StdScalarDeserializer<Integer> {
    public WholeNumber() {
      super(Integer.class);
    }

    @Override
    public Integer deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      if (p.hasToken(JsonToken.VALUE_NUMBER_INT)
          && p.getNumberType() == JsonParser.NumberType.INT) {
        return p.getIntValue();
      }
      throw new ShapeMismatch(p, "an integer", Integer.class);
    }
  }

  /** A JSON number, integer or not. */
  public static final class Decimal extends StdScalarDeserializer<Double> {
    public Decimal() {
      super(Double.class);
    }

    @Override
    public Double deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      if (p.hasToken(JsonToken.VALUE_NUMBER_INT) || p.hasToken(JsonToken.VALUE_NUMBER_FLOAT)) {
        return p.getDoubleValue();
      }
      throw new ShapeMismatch(p, "a number", Double.class);
    }
  }

  /** A JSON {@code true} or {@code false}. */
  public static final class Flag extends StdScalarDeserializer<Boolean> {
    public Flag() {
      super(Boolean.class);
    }

    @Override
    public Boolean deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      if (p.hasToken(JsonToken.VALUE_TRUE) || p.hasToken(JsonToken.VALUE_FALSE)) {
        return p.getBooleanValue();
      }
      throw new ShapeMismatch(p, "a boolean", Boolean.class);
    }
  }
}
