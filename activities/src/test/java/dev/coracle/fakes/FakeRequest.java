package dev.coracle.fakes;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * What a fake model needs from one chat request, whichever wire format it came in.
 *
 * @param messages the conversation, in OpenAI's message shape (Ollama's is the same for this)
 * @param tools the names of the offered functions, in order; empty outside agent mode
 * @param forcedTool the function {@code tool_choice} names, or null
 * @param json true when the client asked for JSON output (a response format, or Ollama's format)
 */
public record FakeRequest(
    JsonNode messages,
    Integer maxTokens,
    List<String> stop,
    List<String> tools,
    String forcedTool,
    boolean json) {

  /** The names under {@code tools[].function.name}, the same on OpenAI's and Ollama's wire. */
  static List<String> toolNames(JsonNode tools) {
    List<String> names = new ArrayList<>();
    tools.forEach(t -> names.add(t.path("function").path("name").asText("")));
    names.removeIf(String::isEmpty);
    return names;
  }
}
