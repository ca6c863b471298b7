package dev.coracle.fakes;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/**
 * Ollama's response objects: {@code /api/chat} carries text in {@code message.content}, {@code
 * /api/generate} in {@code response}; everything else is shared.
 */
record OllamaReply(String model, boolean generateApi) {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** One streamed line with a piece of the answer. */
  ObjectNode part(String content) {
    return base(content).put("done", false);
  }

  /** The final object: {@code done: true} with token counts and durations in nanoseconds. */
  ObjectNode done(String content, String reason, FakeAnswer answer) {
    ObjectNode done = base(content).put("done_reason", reason).put("done", true);
    if (answer != null) {
      done.put("total_duration", 5_000_000L)
          .put("load_duration", 1_000_000L)
          .put("prompt_eval_count", answer.promptTokens())
          .put("prompt_eval_duration", 1_000_000L)
          .put("eval_count", answer.completionTokens())
          .put("eval_duration", 3_000_000L);
    }
    return done;
  }

  /**
   * Adds a tool call to a line's message as Ollama writes it: arguments as a JSON object, no id,
   * and the function's {@code index} only when it is not 0 (Go's omitempty).
   */
  static ObjectNode withToolCall(ObjectNode line, FakeToolCall call, int index) {
    ObjectNode function =
        ((ObjectNode) line.path("message"))
            .putArray("tool_calls")
            .addObject()
            .putObject("function");
    if (index != 0) {
      function.put("index", index);
    }
    function.put("name", call.name());
    try {
      function.set("arguments", JSON.readTree(call.arguments()));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return line;
  }

  private ObjectNode base(String content) {
    ObjectNode line = JSON.createObjectNode().put("model", model);
    line.put("created_at", Instant.now().toString());
    if (generateApi) {
      line.put("response", content);
    } else {
      line.putObject("message").put("role", "assistant").put("content", content);
    }
    return line;
  }
}
