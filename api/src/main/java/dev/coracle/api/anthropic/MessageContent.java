package dev.coracle.api.anthropic;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import dev.coracle.activities.json.CoracleJson;
import java.io.IOException;
import java.util.List;

/**
 * Content as Anthropic takes it in {@code system}, a message's {@code content} and a tool result's
 * {@code content}: either a plain string or a list of blocks. A string is kept as one text block.
 */
record MessageContent(List<ContentBlock> blocks) {

  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  static MessageContent of(JsonNode node) throws IOException {
    if (node == null || node.isNull()) {
      return new MessageContent(List.of());
    }
    if (node.isTextual()) {
      return new MessageContent(List.of(new ContentBlock.Text("text", node.asText())));
    }
    if (!node.isArray()) {
      throw MismatchedInputException.from(
          null, MessageContent.class, "must be a string or an array of content blocks");
    }
    ContentBlock[] blocks = CoracleJson.mapper().readerFor(ContentBlock[].class).readValue(node);
    return new MessageContent(List.of(blocks));
  }
}
