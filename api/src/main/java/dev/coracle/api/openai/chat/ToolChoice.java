package dev.coracle.api.openai.chat;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.coracle.api.openai.ShapeMismatch;
import java.io.IOException;

/**
 * {@code tool_choice}: a mode ({@code auto}, {@code none}, {@code required}) or a named function
 * ({@code {"type":"function","function":{"name":...}}}). Exactly one of the two is set.
 */
@JsonDeserialize(using = ToolChoice.Reader.class)
public record ToolChoice(String mode, String functionName) {

  /** The choice as OpenAI JSON text, the form the model providers receive. */
  public String json() {
    JsonNodeFactory nodes = JsonNodeFactory.instance;
    if (mode != null) {
      return nodes.textNode(mode).toString();
    }
    ObjectNode choice = nodes.objectNode().put("type", "function");
    choice.putObject("function").put("name", functionName);
    return choice.toString();
  }

  /** Reads either form; an object of another shape names the field. */
  public static final class Reader extends StdDeserializer<ToolChoice> {
    public Reader() {
      super(ToolChoice.class);
    }

    @Override
    public ToolChoice deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      if (p.hasToken(JsonToken.VALUE_STRING)) {
        return new ToolChoice(p.getText(), null);
      }
      if (p.hasToken(JsonToken.START_OBJECT)) {
        JsonNode choice = ctxt.readTree(p);
        JsonNode name = choice.path("function").path("name");
        if ("function".equals(choice.path("type").asText()) && name.isTextual()) {
          return new ToolChoice(null, name.asText());
        }
      }
      throw new ShapeMismatch(
          p,
          "auto, none, required or {\"type\":\"function\",\"function\":{\"name\":...}}",
          ToolChoice.class);
    }
  }
}
