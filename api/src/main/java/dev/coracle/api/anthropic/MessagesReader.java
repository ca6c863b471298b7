package dev.coracle.api.anthropic;

import dev.coracle.api.openai.JsonBody;

/**
 * Reads a Messages body into its record with every door's reader: a body that is not JSON, not an
 * object, or whose fields have the wrong types is a 400 naming the field by its JSON path ({@code
 * messages[0].content[1].type}), which the door's error handler writes in Anthropic's shape.
 */
final class MessagesReader {
  private MessagesReader() {}

  static MessagesRequest read(String body) {
    return JsonBody.read(body, MessagesRequest.class);
  }
}
