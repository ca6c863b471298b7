package dev.coracle.activities.providers;

import com.fasterxml.jackson.databind.JsonNode;
import dev.coracle.activities.json.CoracleJson;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Watches the raw bytes of one streamed answer for how it ends, because LangChain4j reports a
 * stream that simply stops (or carries an error event) as a complete answer. A stream ends well
 * only with its wire's terminator and no error on the way: {@code data: [DONE]} for OpenAI's
 * events, a {@code "done": true} line for Ollama, a {@code finishReason} for Gemini. An error event
 * ({@code {"error":…}}) or OpenRouter's {@code finish_reason: "error"} breaks it whatever follows.
 *
 * <p>Fed by {@link WatchedBody} as LangChain4j's parser reads the body, so when the body ends every
 * event before it has already been handed to the stream's handler.
 */
final class StreamEnding {

  /** The framing and terminator of a provider's stream. */
  enum Wire {
    OPENAI_EVENTS("the upstream closed the stream without data: [DONE]"),
    GEMINI_EVENTS("the upstream closed the stream without a finishReason"),
    OLLAMA_LINES("the upstream closed the stream without its \"done\": true line");

    private final String unterminated;

    Wire(String unterminated) {
      this.unterminated = unterminated;
    }

    static Wire of(ProviderKind kind) {
      return switch (kind) {
        case OLLAMA -> OLLAMA_LINES;
        case GEMINI -> GEMINI_EVENTS;
        default -> OPENAI_EVENTS;
      };
    }
  }

  private final Wire wire;
  private final Consumer<String> onBrokenEnd;

  /** Longer lines are not inspected: no terminator or error event is that long. */
  private static final int MAX_LINE_BYTES = 1 << 20;

  private final ByteArrayOutputStream line = new ByteArrayOutputStream();
  private boolean overlong;
  private volatile boolean terminated;
  private volatile String error;
  private boolean ended;

  /**
   * @param onBrokenEnd told once, when the body ends without its terminator or after an error
   *     event, why the stream is broken
   */
  StreamEnding(Wire wire, Consumer<String> onBrokenEnd) {
    this.wire = wire;
    this.onBrokenEnd = onBrokenEnd;
  }

  /** The next bytes of the body, as the parser reads them. */
  synchronized void feed(byte[] bytes, int offset, int length) {
    for (int i = offset; i < offset + length; i++) {
      if (bytes[i] == '\n') {
        lineEnded();
      } else if (line.size() < MAX_LINE_BYTES) {
        line.write(bytes[i]);
      } else {
        overlong = true;
      }
    }
  }

  /** The body ended (the parser read its end); reports a broken ending once. */
  void bodyEnded() {
    String broken;
    synchronized (this) {
      if (ended) {
        return;
      }
      ended = true;
      if (line.size() > 0) {
        lineEnded();
      }
      broken = brokenReason();
    }
    if (broken != null) {
      onBrokenEnd.accept(broken);
    }
  }

  /**
   * Why the stream is broken judging by what was read so far, or null when it has ended well: its
   * terminator arrived and no error did.
   */
  String brokenReason() {
    if (error != null) {
      return error;
    }
    return terminated ? null : wire.unterminated;
  }

  private void lineEnded() {
    String text = line.toString(StandardCharsets.UTF_8).strip();
    line.reset();
    if (overlong) {
      overlong = false;
      return;
    }
    if (wire == Wire.OLLAMA_LINES) {
      inspect(text);
    } else if (text.startsWith("data:")) {
      String data = text.substring("data:".length()).strip();
      if (wire == Wire.OPENAI_EVENTS && data.equals("[DONE]")) {
        terminated = true;
      } else {
        inspect(data);
      }
    }
  }

  private void inspect(String json) {
    if (json.isEmpty() || error != null) {
      return;
    }
    JsonNode node;
    try {
      node = CoracleJson.mapper().readTree(json);
    } catch (Exception notJson) {
      // LangChain4j's parser decides what a malformed event means; only the ending matters here.
      return;
    }
    JsonNode upstreamError = node.path("error");
    if (!upstreamError.isMissingNode() && !upstreamError.isNull()) {
      error = "the upstream sent an error event: " + message(upstreamError);
    }
    switch (wire) {
      case OLLAMA_LINES -> terminated |= node.path("done").asBoolean(false);
      case GEMINI_EVENTS -> {
        for (JsonNode candidate : node.path("candidates")) {
          terminated |= !candidate.path("finishReason").asText("").isEmpty();
        }
      }
      case OPENAI_EVENTS -> {
        for (JsonNode choice : node.path("choices")) {
          if ("error".equals(choice.path("finish_reason").asText(null))) {
            error =
                "the upstream ended the answer with finish_reason \"error\""
                    + (error == null ? "" : " (" + error + ")");
          }
        }
      }
    }
  }

  /** OpenAI and Gemini put the reason in {@code error.message}, Ollama in {@code error} itself. */
  private static String message(JsonNode error) {
    String text =
        error.isTextual() ? error.asText() : error.path("message").asText(error.toString());
    String flat = text.replaceAll("\\s+", " ").strip();
    return flat.length() <= 300 ? flat : flat.substring(0, 300) + "…";
  }
}
