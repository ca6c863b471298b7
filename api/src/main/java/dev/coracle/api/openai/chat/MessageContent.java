package dev.coracle.api.openai.chat;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import dev.coracle.api.openai.ShapeMismatch;
import dev.coracle.api.openai.StrictScalars;
import java.io.IOException;
import java.util.List;

/**
 * A message's {@code content}: a string, or an array of content parts. Exactly one of the two is
 * set.
 */
@JsonDeserialize(using = MessageContent.Reader.class)
public record MessageContent(String text, List<Part> parts) {

  /** A content part; coracle reads text parts and refuses the others by name. */
  public record Part(
      @JsonDeserialize(using = StrictScalars.Text.class) String type,
      @JsonDeserialize(using = StrictScalars.Text.class) String text) {}

  /** Reads the string form or the array form; anything else names the field. */
  public static final class Reader extends StdDeserializer<MessageContent> {
    public Reader() {
      super(MessageContent.class);
    }

    @Override
    public MessageContent deserialize(JsonParser p, DeserializationContext ctxt)
        throws IOException {
      if (p.hasToken(JsonToken.VALUE_STRING)) {
        return new MessageContent(p.getText(), null);
      }
      if (p.hasToken(JsonToken.START_ARRAY)) {
        JavaType parts = ctxt.getTypeFactory().constructCollectionType(List.class, Part.class);
        List<Part> read = ctxt.readValue(p, parts);
        return new MessageContent(null, read);
      }
      throw new ShapeMismatch(p, "a string or an array of parts", MessageContent.class);
    }
  }
}
