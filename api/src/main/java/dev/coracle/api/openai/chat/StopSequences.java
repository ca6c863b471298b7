package dev.coracle.api.openai.chat;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import dev.coracle.api.openai.ShapeMismatch;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Reads {@code stop}: one string, or an array of up to four, as a list either way. */
public final class StopSequences extends StdDeserializer<List<String>> {
  private static final int MAX_STOPS = 4;
  private static final String EXPECTED = "a string or an array of up to 4 strings";

  public StopSequences() {
    super(List.class);
  }

  @Override
  public List<String> deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
    if (p.hasToken(JsonToken.VALUE_STRING)) {
      return List.of(p.getText());
    }
    if (!p.hasToken(JsonToken.START_ARRAY)) {
      throw new ShapeMismatch(p, EXPECTED, List.class);
    }
    List<String> stops = new ArrayList<>();
    while (p.nextToken() != JsonToken.END_ARRAY) {
      if (!p.hasToken(JsonToken.VALUE_STRING) || stops.size() == MAX_STOPS) {
        throw new ShapeMismatch(p, EXPECTED, List.class);
      }
      stops.add(p.getText());
    }
    return List.copyOf(stops);
  }

  @Override
  public List<String> getNullValue(DeserializationContext ctxt) {
    return List.of();
  }
}
