package dev.coracle.fakes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Gemini's {@code generateContent} request read as an OpenAI-shaped conversation, so the shared
 * {@link FakeAnswer} can answer it and tests can compare it with what the other wires carry.
 */
public final class GeminiWire {

  private static final ObjectMapper JSON = new ObjectMapper();

  private GeminiWire() {}

  /**
   * The conversation: {@code systemInstruction} first as a system message, then {@code contents}
   * with role "model" as assistant, {@code functionCall} parts as {@code tool_calls} (arguments as
   * JSON text) and {@code functionResponse} parts as tool messages.
   */
  public static ArrayNode messages(JsonNode body) {
    ArrayNode messages = JSON.createArrayNode();
    JsonNode system = body.path("systemInstruction").path("parts");
    if (system.isArray() && !system.isEmpty()) {
      messages.addObject().put("role", "system").put("content", text(system));
    }
    for (JsonNode content : body.path("contents")) {
      JsonNode parts = content.path("parts");
      if ("model".equals(content.path("role").asText())) {
        messages.add(assistant(parts));
        continue;
      }
      for (JsonNode part : parts) {
        if (part.has("functionResponse")) {
          messages.add(toolResult(part.path("functionResponse")));
        }
      }
      if (hasText(parts)) {
        messages.addObject().put("role", "user").put("content", text(parts));
      }
    }
    return messages;
  }

  /**
   * What the fake model needs: tools unless the mode is NONE; the function a mode of ANY forces
   * when it allows exactly one; JSON for {@code application/json}.
   */
  static FakeRequest fakeRequest(JsonNode body) {
    JsonNode config = body.path("generationConfig");
    JsonNode calling = body.path("toolConfig").path("functionCallingConfig");
    String mode = calling.path("mode").asText("AUTO");
    List<String> tools = new ArrayList<>();
    if (!"NONE".equals(mode)) {
      body.path("tools")
          .forEach(
              t ->
                  t.path("functionDeclarations")
                      .forEach(f -> tools.add(f.path("name").asText(""))));
      tools.removeIf(String::isEmpty);
    }
    JsonNode allowed = calling.path("allowedFunctionNames");
    String forced = "ANY".equals(mode) && allowed.size() == 1 ? allowed.get(0).asText() : null;
    return new FakeRequest(
        messages(body),
        FakeUpstreamServer.intOrNull(config.path("maxOutputTokens")),
        FakeUpstreamServer.stopSequences(config.path("stopSequences")),
        tools,
        forced,
        "application/json".equals(config.path("responseMimeType").asText()));
  }

  private static ObjectNode assistant(JsonNode parts) {
    ObjectNode message = JSON.createObjectNode().put("role", "assistant");
    ArrayNode calls = JSON.createArrayNode();
    for (JsonNode part : parts) {
      JsonNode call = part.path("functionCall");
      if (call.isObject()) {
        ObjectNode wire = calls.addObject().put("type", "function");
        wire.put("id", call.path("id").asText(null));
        wire.putObject("function")
            .put("name", call.path("name").asText())
            .put("arguments", call.path("args").toString());
      }
    }
    String text = text(parts);
    if (text.isEmpty() && !calls.isEmpty()) {
      message.putNull("content");
    } else {
      message.put("content", text);
    }
    if (!calls.isEmpty()) {
      message.set("tool_calls", calls);
    }
    return message;
  }

  /** LangChain4j sends a tool's text result as {@code {"response": "<text>"}}. */
  private static ObjectNode toolResult(JsonNode response) {
    JsonNode value = response.path("response");
    String content =
        value.path("response").isTextual() ? value.path("response").asText() : value.toString();
    return JSON.createObjectNode()
        .put("role", "tool")
        .put("tool_call_id", response.path("id").asText(null))
        .put("name", response.path("name").asText())
        .put("content", content);
  }

  private static boolean hasText(JsonNode parts) {
    for (JsonNode part : parts) {
      if (part.has("text")) {
        return true;
      }
    }
    return false;
  }

  private static String text(JsonNode parts) {
    StringBuilder text = new StringBuilder();
    for (JsonNode part : parts) {
      if (part.path("text").isTextual() && !part.path("thought").asBoolean(false)) {
        if (text.length() > 0) {
          text.append('\n');
        }
        text.append(part.path("text").asText());
      }
    }
    return text.toString();
  }
}
