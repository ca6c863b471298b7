package dev.coracle.fakes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A fake of Google's Gemini API speaking its real wire format, as LangChain4j 1.18.1 calls it:
 * {@code POST /v1beta/models/{model}:generateContent} and {@code :streamGenerateContent?alt=sse}
 * (server-sent events, each a whole {@code GenerateContentResponse} with the next piece of text),
 * with the key in {@code x-goog-api-key}. Errors come in Google's shape, {@code
 * {"error":{"code","message","status","details"}}}; the 429s carry the {@code QuotaFailure} and
 * {@code RetryInfo} details of the free tier. Behaviour is picked by the model name, see {@link
 * FakeBehaviour}: {@code rate-limited} runs out of a per-minute quota, {@code rate-limited-day} out
 * of a per-day one.
 */
public final class FakeGeminiServer extends FakeUpstreamServer<FakeGeminiServer> {

  private static final Pattern GENERATE =
      Pattern.compile("/v1beta/models/([^/:]+):(generateContent|streamGenerateContent)");

  private final AtomicLong ids = new AtomicLong();

  /** The base URL clients configure: the API root with its version, as Google's own. */
  @Override
  public String baseUrl() {
    return "http://127.0.0.1:" + port() + "/v1beta";
  }

  @Override
  protected void handle(HttpExchange exchange, RecordedRequest request)
      throws IOException, InterruptedException {
    Matcher generate = GENERATE.matcher(request.path());
    if (request.method().equals("POST") && generate.matches()) {
      boolean stream = generate.group(2).equals("streamGenerateContent");
      generateContent(exchange, request, generate.group(1), stream);
    } else if (request.method().equals("GET") && request.path().equals("/v1beta/models")) {
      sendJson(exchange, 200, models());
    } else {
      String route = request.method() + " " + request.path();
      sendJson(exchange, 404, GeminiErrors.error(404, "NOT_FOUND", "Unknown route " + route));
    }
  }

  private void generateContent(
      HttpExchange exchange, RecordedRequest request, String model, boolean stream)
      throws IOException, InterruptedException {
    if (request.header("x-goog-api-key") == null) {
      sendJson(exchange, 403, GeminiErrors.unregisteredCaller());
      return;
    }
    JsonNode body = request.body();
    if (!body.path("contents").isArray() || body.path("contents").isEmpty()) {
      sendJson(
          exchange,
          400,
          GeminiErrors.error(
              400,
              "INVALID_ARGUMENT",
              "* GenerateContentRequest.contents: " + "contents is not specified"));
      return;
    }
    if (stream && !"alt=sse".equals(request.query())) {
      // Without alt=sse Gemini streams one JSON array; LangChain4j always asks for events.
      sendJson(exchange, 400, GeminiErrors.error(400, "INVALID_ARGUMENT", "fake wants alt=sse"));
      return;
    }
    FakeBehaviour behaviour = FakeBehaviour.forModel(model);
    if (GeminiErrors.send(exchange, behaviour, model)) {
      return;
    }
    FakeAnswer answer = FakeAnswer.of(GeminiWire.fakeRequest(body));
    String responseId = "fake-gemini-" + ids.incrementAndGet();
    generate(
        behaviour,
        pause -> {
          if (behaviour == FakeBehaviour.BROKEN_STREAM && !stream) {
            throw new DropConnection();
          }
          if (stream) {
            streamAnswer(exchange, model, responseId, answer, behaviour, pause);
          } else if (behaviour == FakeBehaviour.STALL_AFTER_3
              || behaviour == FakeBehaviour.STALL_AT_START) {
            stall();
          } else if (behaviour == FakeBehaviour.EOF_NO_DONE) {
            sendTruncatedJson(exchange, response(model, responseId, parts(answer), answer, true));
          } else {
            Thread.sleep(pause.toMillis() * answer.completionTokens());
            sendJson(exchange, 200, response(model, responseId, parts(answer), answer, true));
          }
        });
  }

  /**
   * Like Gemini: one event per piece of text, each a whole response carrying the usage so far; the
   * last piece carries the finish reason. A tool call comes whole, in one event.
   */
  private void streamAnswer(
      HttpExchange exchange,
      String model,
      String responseId,
      FakeAnswer answer,
      FakeBehaviour behaviour,
      Duration pause)
      throws IOException, InterruptedException {
    exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
    exchange.sendResponseHeaders(200, 0);
    OutputStream out = exchange.getResponseBody();
    if (answer.toolCall() != null) {
      Thread.sleep(pause.toMillis());
      event(out, response(model, responseId, parts(answer), answer, true));
      out.close();
      return;
    }
    if (behaviour == FakeBehaviour.STALL_AT_START) {
      stall();
    }
    List<String> tokens = answer.tokens().isEmpty() ? List.of("") : answer.tokens();
    for (int i = 0; i < tokens.size(); i++) {
      if (behaviour == FakeBehaviour.BROKEN_STREAM && i == 2) {
        throw DropConnection.afterClientRead();
      }
      if (behaviour.breaksMidStream() && i == FakeBehaviour.TOKENS_BEFORE_TROUBLE) {
        break;
      }
      Thread.sleep(pause.toMillis());
      ArrayNode parts = JSON.createArrayNode();
      parts.addObject().put("text", tokens.get(i));
      // A stream that goes wrong never gets as far as its finish reason.
      boolean last = i == tokens.size() - 1 && !behaviour.breaksMidStream();
      ObjectNode event = response(model, responseId, parts, answer, last);
      if (!last) {
        ObjectNode usage = (ObjectNode) event.path("usageMetadata");
        usage.put("candidatesTokenCount", i + 1);
        usage.put("totalTokenCount", answer.promptTokens() + i + 1);
      }
      event(out, event);
    }
    if (behaviour == FakeBehaviour.STALL_AFTER_3) {
      stall();
    } else if (behaviour == FakeBehaviour.ERROR_EVENT || behaviour == FakeBehaviour.FINISH_ERROR) {
      event(
          out,
          GeminiErrors.error(
              500, "INTERNAL", "An internal error has occurred. Please retry or report it."));
    }
    out.close();
  }

  private static ArrayNode parts(FakeAnswer answer) {
    ArrayNode parts = JSON.createArrayNode();
    FakeToolCall call = answer.toolCall();
    if (call == null) {
      parts.addObject().put("text", answer.content());
      return parts;
    }
    ObjectNode functionCall = parts.addObject().putObject("functionCall");
    functionCall.put("name", call.name());
    try {
      functionCall.set("args", JSON.readTree(call.arguments()));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return parts;
  }

  /**
   * A {@code GenerateContentResponse}. Gemini finishes a tool-calling turn with STOP, and a cut one
   * with MAX_TOKENS.
   */
  private static ObjectNode response(
      String model, String responseId, ArrayNode parts, FakeAnswer answer, boolean last) {
    ObjectNode response = JSON.createObjectNode();
    ObjectNode candidate = response.putArray("candidates").addObject();
    ObjectNode content = candidate.putObject("content");
    content.set("parts", parts);
    content.put("role", "model");
    if (last) {
      candidate.put("finishReason", "length".equals(answer.finishReason()) ? "MAX_TOKENS" : "STOP");
    }
    candidate.put("index", 0);
    ObjectNode usage = response.putObject("usageMetadata");
    usage.put("promptTokenCount", answer.promptTokens());
    usage.put("candidatesTokenCount", answer.completionTokens());
    usage.put("totalTokenCount", answer.promptTokens() + answer.completionTokens());
    usage
        .putArray("promptTokensDetails")
        .addObject()
        .put("modality", "TEXT")
        .put("tokenCount", answer.promptTokens());
    response.put("modelVersion", model);
    response.put("responseId", responseId);
    return response;
  }

  /** Gemini separates events with CRLF pairs. */
  private static void event(OutputStream out, ObjectNode data) throws IOException {
    writeChunk(out, "data: " + JSON.writeValueAsString(data) + "\r\n\r\n");
  }

  private static ObjectNode models() {
    ObjectNode list = JSON.createObjectNode();
    ArrayNode models = list.putArray("models");
    for (FakeBehaviour behaviour : FakeBehaviour.values()) {
      if (behaviour != FakeBehaviour.MISSING) {
        ObjectNode model = models.addObject();
        model.put("name", "models/" + behaviour.modelName());
        model.put("displayName", behaviour.modelName());
        model.putArray("supportedGenerationMethods").add("generateContent").add("countTokens");
      }
    }
    return list;
  }
}
