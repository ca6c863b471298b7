package dev.coracle.fakes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A fake Ollama speaking the real wire format: {@code POST /api/chat} (NDJSON stream by default,
 * one JSON object with {@code "stream": false}), {@code POST /api/generate} for text completions
 * (with {@code suffix} for fill-in-the-middle) and for loading and unloading, {@code GET
 * /api/tags}, {@code /api/ps}, {@code /api/version}. It remembers which models are resident, like
 * Ollama, so tests of the single LLM slot can check that two models were never loaded at once.
 * Behaviour is picked by model name, see {@link FakeBehaviour}.
 */
public final class FakeOllamaServer extends FakeUpstreamServer<FakeOllamaServer> {

  /** Ollama's default {@code keep_alive}. */
  private static final Duration DEFAULT_KEEP_ALIVE = Duration.ofMinutes(5);

  private final Map<String, Instant> resident = new LinkedHashMap<>();
  private int maxResident;

  @Override
  public String baseUrl() {
    return "http://127.0.0.1:" + port();
  }

  /** The most generations in flight at the same moment. */
  public int maxConcurrentGenerations() {
    return maxConcurrent();
  }

  /** The most models resident at the same moment. */
  public synchronized int maxResidentModels() {
    return maxResident;
  }

  /** Names of the models resident now, as {@code /api/ps} would list them. */
  public synchronized List<String> residentModels() {
    resident.values().removeIf(expiry -> expiry.isBefore(Instant.now()));
    return List.copyOf(resident.keySet());
  }

  @Override
  protected void handle(HttpExchange exchange, RecordedRequest request)
      throws IOException, InterruptedException {
    String route = request.method() + " " + request.path();
    switch (route) {
      case "POST /api/chat" -> chat(exchange, request.body(), false);
      case "POST /api/generate" -> chat(exchange, request.body(), true);
      case "GET /api/tags" -> sendJson(exchange, 200, tags());
      case "GET /api/ps" -> sendJson(exchange, 200, ps());
      case "GET /api/version" -> sendJson(exchange, 200, Map.of("version", "0.12.6"));
      case "GET /" -> sendText(exchange, "Ollama is running");
      default -> sendJson(exchange, 404, Map.of("error", "404 page not found"));
    }
  }

  /** Serves {@code /api/chat}, and {@code /api/generate} with its prompt as one user message. */
  private void chat(HttpExchange exchange, JsonNode body, boolean generateApi)
      throws IOException, InterruptedException {
    String model = body.path("model").asText("");
    JsonNode messages = generateApi ? prompt(body) : body.path("messages");
    OllamaReply reply = new OllamaReply(model, generateApi);
    if (model.isEmpty()) {
      sendJson(exchange, 400, Map.of("error", "model is required"));
      return;
    }
    FakeBehaviour behaviour = FakeBehaviour.forModel(model);
    if (sendFailure(exchange, behaviour, model)) {
      return;
    }
    Duration keepAlive = keepAlive(body.path("keep_alive"));
    if (messages.isEmpty()) {
      // An empty request only loads the model, or unloads it with keep_alive 0, as in Ollama.
      boolean unload = keepAlive.isZero();
      setResident(model, unload ? null : keepAlive);
      sendJson(exchange, 200, reply.done("", unload ? "unload" : "load", null));
      return;
    }
    setResident(model, keepAlive.isZero() ? DEFAULT_KEEP_ALIVE : keepAlive);
    FakeAnswer answer = FakeAnswer.of(fakeRequest(body, messages), behaviour);
    boolean stream = body.path("stream").asBoolean(true);
    generate(
        behaviour,
        pause -> {
          if (behaviour == FakeBehaviour.BROKEN_STREAM && !stream) {
            throw new DropConnection();
          }
          if (stream) {
            streamAnswer(exchange, reply, answer, behaviour, pause);
          } else if (behaviour == FakeBehaviour.STALL_AFTER_3
              || behaviour == FakeBehaviour.STALL_AT_START) {
            stall();
          } else if (behaviour == FakeBehaviour.EOF_NO_DONE) {
            sendTruncatedJson(
                exchange,
                withToolCall(reply.done(answer.content(), doneReason(answer), answer), answer));
          } else {
            Thread.sleep(pause.toMillis() * answer.completionTokens());
            sendJson(
                exchange,
                200,
                withToolCall(reply.done(answer.content(), doneReason(answer), answer), answer));
          }
        });
    if (keepAlive.isZero()) {
      setResident(model, null);
    }
  }

  private void streamAnswer(
      HttpExchange exchange,
      OllamaReply reply,
      FakeAnswer answer,
      FakeBehaviour behaviour,
      Duration pause)
      throws IOException, InterruptedException {
    exchange.getResponseHeaders().set("Content-Type", "application/x-ndjson");
    exchange.sendResponseHeaders(200, 0);
    OutputStream out = exchange.getResponseBody();
    if (answer.toolCall() != null) {
      // Ollama streams a tool call whole, in one line of its own.
      Thread.sleep(pause.toMillis());
      writeChunk(out, JSON.writeValueAsString(withToolCall(reply.part(""), answer)) + "\n");
      if (behaviour == FakeBehaviour.BROKEN_STREAM) {
        throw DropConnection.afterClientRead();
      }
    }
    if (behaviour == FakeBehaviour.STALL_AT_START) {
      stall();
    }
    int sent = 0;
    for (String token : answer.tokens()) {
      if (behaviour == FakeBehaviour.BROKEN_STREAM && sent == 2) {
        throw DropConnection.afterClientRead();
      }
      if (behaviour.breaksMidStream() && sent == FakeBehaviour.TOKENS_BEFORE_TROUBLE) {
        break;
      }
      Thread.sleep(pause.toMillis());
      writeChunk(out, JSON.writeValueAsString(reply.part(token)) + "\n");
      sent++;
    }
    if (behaviour.breaksMidStream()) {
      endBadly(out, behaviour);
      return;
    }
    writeChunk(out, JSON.writeValueAsString(reply.done("", doneReason(answer), answer)) + "\n");
    out.close();
  }

  /**
   * How each troubled stream ends after its {@code "done": false} lines: silence, a clean close
   * without the {@code "done": true} line, or the error line Ollama writes when the runner fails
   * mid-generation.
   */
  private static void endBadly(OutputStream out, FakeBehaviour behaviour)
      throws IOException, InterruptedException {
    switch (behaviour) {
      case STALL_AFTER_3 -> stall();
      case ERROR_EVENT, FINISH_ERROR ->
          writeChunk(
              out,
              JSON.writeValueAsString(
                      Map.of(
                          "error",
                          "an error was encountered while running the model: unexpected EOF"))
                  + "\n");
      default -> {
        // EOF_NO_DONE: the body simply ends.
      }
    }
    out.close();
  }

  /**
   * Ollama has no {@code tool_choice}: whatever tools arrive are offered. {@code format} is "json"
   * or a JSON schema object.
   */
  private static FakeRequest fakeRequest(JsonNode body, JsonNode messages) {
    JsonNode options = body.path("options");
    JsonNode format = body.path("format");
    return new FakeRequest(
        messages,
        intOrNull(options.path("num_predict")),
        stopSequences(options.path("stop")),
        FakeRequest.toolNames(body.path("tools")),
        null,
        "json".equals(format.asText()) || format.isObject());
  }

  private static ObjectNode withToolCall(ObjectNode line, FakeAnswer answer) {
    return answer.toolCall() == null ? line : OllamaReply.withToolCall(line, answer.toolCall(), 0);
  }

  /** Ollama ends a tool-calling turn with done_reason "stop"; it has no "tool_calls" reason. */
  private static String doneReason(FakeAnswer answer) {
    return answer.toolCall() == null ? answer.finishReason() : "stop";
  }

  private static boolean sendFailure(HttpExchange exchange, FakeBehaviour behaviour, String model)
      throws IOException {
    switch (behaviour) {
      case FAIL_500 ->
          sendJson(
              exchange, 500, Map.of("error", "llama runner process has terminated: exit status 2"));
      case RATE_LIMITED, RATE_LIMITED_DAY ->
          sendJson(exchange, 429, Map.of("error", "too many requests"));
      case UNAUTHORIZED -> sendJson(exchange, 401, Map.of("error", "unauthorized"));
      case MISSING ->
          sendJson(
              exchange,
              404,
              Map.of("error", "model \"" + model + "\" not found, try pulling it first"));
      default -> {
        return false;
      }
    }
    return true;
  }

  private synchronized void setResident(String requested, Duration keepAlive) {
    // Ollama reports the full tag, so "qwen" is resident as "qwen:latest".
    String model = requested.contains(":") ? requested : requested + ":latest";
    if (keepAlive == null) {
      resident.remove(model);
      return;
    }
    resident.put(model, keepAlive.isNegative() ? Instant.MAX : Instant.now().plus(keepAlive));
    maxResident = Math.max(maxResident, residentModels().size());
  }

  /**
   * {@code keep_alive} is a number of seconds or a Go duration such as "5m"; negative = forever.
   */
  private static Duration keepAlive(JsonNode value) {
    if (value.isNumber()) {
      return Duration.ofSeconds(value.asLong());
    }
    String text = value.asText("").trim();
    if (text.isEmpty()) {
      return DEFAULT_KEEP_ALIVE;
    }
    if (text.startsWith("-")) {
      return Duration.ofSeconds(-1);
    }
    try {
      return Duration.parse("PT" + text.toUpperCase(java.util.Locale.ROOT));
    } catch (RuntimeException e) {
      return text.matches("\\d+") ? Duration.ofSeconds(Long.parseLong(text)) : DEFAULT_KEEP_ALIVE;
    }
  }

  /**
   * The prompt of {@code /api/generate} as one user message. With a {@code suffix}
   * (fill-in-the-middle) the message names both ends, so the echoed answer shows what the model was
   * asked to fill: {@code echo: fill <prompt>|<suffix>}.
   */
  private static JsonNode prompt(JsonNode body) {
    ArrayNode messages = JSON.createArrayNode();
    String prompt = body.path("prompt").asText("");
    String suffix = body.path("suffix").asText("");
    if (!suffix.isEmpty()) {
      messages.addObject().put("role", "user").put("content", "fill " + prompt + "|" + suffix);
    } else if (!prompt.isEmpty()) {
      messages.addObject().put("role", "user").put("content", prompt);
    }
    return messages;
  }

  private ObjectNode tags() {
    ObjectNode tags = JSON.createObjectNode();
    ArrayNode models = tags.putArray("models");
    for (FakeBehaviour behaviour : FakeBehaviour.values()) {
      if (behaviour != FakeBehaviour.MISSING) {
        model(models.addObject(), behaviour.modelName() + ":latest")
            .put("modified_at", "2026-01-01T00:00:00Z");
      }
    }
    return tags;
  }

  private synchronized ObjectNode ps() {
    ObjectNode ps = JSON.createObjectNode();
    ArrayNode models = ps.putArray("models");
    residentModels();
    resident.forEach(
        (name, expiry) ->
            model(models.addObject(), name)
                .put(
                    "expires_at",
                    expiry.equals(Instant.MAX) ? "2318-01-01T00:00:00Z" : expiry.toString())
                .put("size_vram", 0));
    return ps;
  }

  private static ObjectNode model(ObjectNode node, String name) {
    node.put("name", name).put("model", name).put("size", 1_000_000L).put("digest", "sha256:fake");
    node.putObject("details")
        .put("format", "gguf")
        .put("family", "fake")
        .put("parameter_size", "1B")
        .put("quantization_level", "Q4_K_M");
    return node;
  }

  private static void sendText(HttpExchange exchange, String text) throws IOException {
    byte[] bytes = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(200, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }
}
