package dev.coracle.fakes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A fake OpenAI-compatible upstream speaking the real wire format: {@code POST
 * /v1/chat/completions} (plain and {@code text/event-stream}) and {@code GET /v1/models}. The
 * answer's behaviour is picked by the model name, see {@link FakeBehaviour}; what it says, tool
 * calls and JSON included, by the request, see {@link FakeAnswer}.
 */
public final class FakeOpenAiServer extends FakeUpstreamServer<FakeOpenAiServer> {

  private final AtomicLong ids = new AtomicLong();

  /** The base URL clients configure, ending in {@code /v1}. */
  @Override
  public String baseUrl() {
    return "http://127.0.0.1:" + port() + "/v1";
  }

  @Override
  protected void handle(HttpExchange exchange, RecordedRequest request)
      throws IOException, InterruptedException {
    String route = request.method() + " " + request.path();
    switch (route) {
      case "POST /v1/chat/completions" -> chatCompletions(exchange, request.body());
      case "GET /v1/models" -> sendJson(exchange, 200, models());
      default ->
          sendJson(exchange, 404, error("Unknown route " + route, "invalid_request_error", null));
    }
  }

  private void chatCompletions(HttpExchange exchange, JsonNode body)
      throws IOException, InterruptedException {
    if (!body.path("messages").isArray()) {
      sendJson(exchange, 400, error("'messages' is required", "invalid_request_error", null));
      return;
    }
    String model = body.path("model").asText("");
    FakeBehaviour behaviour = FakeBehaviour.forModel(model);
    if (sendFailure(exchange, behaviour, model)) {
      return;
    }
    Integer maxTokens = intOrNull(body.path("max_tokens"));
    if (maxTokens == null) {
      maxTokens = intOrNull(body.path("max_completion_tokens"));
    }
    FakeAnswer answer = FakeAnswer.of(fakeRequest(body, maxTokens), behaviour);
    long n = ids.incrementAndGet();
    rateLimitHeaders(exchange, n, answer);
    String id = "chatcmpl-fake-" + n;
    String callId = "call_fake" + n;
    boolean stream = body.path("stream").asBoolean(false);
    boolean includeUsage = body.path("stream_options").path("include_usage").asBoolean(false);
    generate(
        behaviour,
        pause -> {
          if (behaviour == FakeBehaviour.BROKEN_STREAM && !stream) {
            throw new DropConnection();
          }
          if (stream) {
            streamAnswer(exchange, id, callId, model, answer, includeUsage, behaviour, pause);
          } else if (behaviour == FakeBehaviour.STALL_AFTER_3
              || behaviour == FakeBehaviour.STALL_AT_START) {
            stall();
          } else if (behaviour == FakeBehaviour.EOF_NO_DONE) {
            sendTruncatedJson(exchange, completion(id, callId, model, answer));
          } else if (behaviour == FakeBehaviour.FINISH_ERROR) {
            FakeAnswer cut =
                new FakeAnswer(
                    answer
                        .tokens()
                        .subList(
                            0,
                            Math.min(FakeBehaviour.TOKENS_BEFORE_TROUBLE, answer.tokens().size())),
                    "error",
                    answer.promptTokens(),
                    null);
            sendJson(exchange, 200, completion(id, callId, model, cut));
          } else {
            Thread.sleep(pause.toMillis() * answer.completionTokens());
            sendJson(exchange, 200, completion(id, callId, model, answer));
          }
        });
  }

  /**
   * What OpenAI and Groq send with every answer: request and token budgets, and when they reset, in
   * Go's duration format. Each request spends one of 1000 requests.
   */
  private static void rateLimitHeaders(HttpExchange exchange, long n, FakeAnswer answer) {
    var headers = exchange.getResponseHeaders();
    headers.set("x-ratelimit-limit-requests", "1000");
    headers.set("x-ratelimit-remaining-requests", String.valueOf(Math.max(0, 1000 - n)));
    headers.set("x-ratelimit-reset-requests", "6m0s");
    headers.set("x-ratelimit-limit-tokens", "6000");
    int spent = answer.promptTokens() + answer.completionTokens();
    headers.set("x-ratelimit-remaining-tokens", String.valueOf(6000 - spent));
    headers.set("x-ratelimit-reset-tokens", "1.5s");
  }

  /**
   * Agent mode: tools offered, unless {@code tool_choice} is "none"; JSON for a response format.
   */
  private static FakeRequest fakeRequest(JsonNode body, Integer maxTokens) {
    JsonNode choice = body.path("tool_choice");
    List<String> tools =
        "none".equals(choice.asText()) ? List.of() : FakeRequest.toolNames(body.path("tools"));
    String forced = choice.path("function").path("name").asText(null);
    String format = body.path("response_format").path("type").asText("");
    return new FakeRequest(
        body.path("messages"),
        maxTokens,
        stopSequences(body.path("stop")),
        tools,
        forced,
        format.equals("json_object") || format.equals("json_schema"));
  }

  private void streamAnswer(
      HttpExchange exchange,
      String id,
      String callId,
      String model,
      FakeAnswer answer,
      boolean includeUsage,
      FakeBehaviour behaviour,
      Duration pause)
      throws IOException, InterruptedException {
    exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
    exchange.getResponseHeaders().set("Cache-Control", "no-cache");
    exchange.sendResponseHeaders(200, 0);
    OutputStream out = exchange.getResponseBody();
    if (answer.toolCall() != null) {
      // OpenAI opens a tool-calling turn with the call itself, role included.
      streamToolCall(out, id, callId, model, answer.toolCall(), behaviour, pause);
    } else {
      event(
          out,
          chunk(
              id,
              model,
              JSON.createObjectNode().put("role", "assistant").put("content", ""),
              null));
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
      event(out, chunk(id, model, JSON.createObjectNode().put("content", token), null));
      sent++;
    }
    if (behaviour.breaksMidStream()) {
      endBadly(out, id, model, behaviour);
      return;
    }
    event(out, chunk(id, model, JSON.createObjectNode(), answer.finishReason()));
    if (includeUsage) {
      ObjectNode last = chunk(id, model, null, null);
      last.set("usage", usage(answer));
      event(out, last);
    }
    writeChunk(out, "data: [DONE]\n\n");
    out.close();
  }

  /**
   * How each troubled stream ends after its tokens: silence, a clean close without {@code [DONE]},
   * an OpenAI/vLLM error event, or OpenRouter's error chunk with {@code finish_reason: "error"}.
   */
  private static void endBadly(OutputStream out, String id, String model, FakeBehaviour behaviour)
      throws IOException, InterruptedException {
    switch (behaviour) {
      case STALL_AFTER_3 -> stall();
      case ERROR_EVENT -> {
        ObjectNode error = JSON.createObjectNode();
        error
            .putObject("error")
            .put("message", "The server had an error while generating the answer.")
            .put("type", "server_error")
            .putNull("param")
            .put("code", "internal_error");
        event(out, error);
      }
      case FINISH_ERROR -> {
        // OpenRouter: "If an error occurs after streaming has begun, the error is sent as an SSE
        // event" with the error beside the choices, and the choice finishes with "error".
        ObjectNode chunk = chunk(id, model, JSON.createObjectNode().put("content", ""), "error");
        chunk.put("provider", "fake-provider");
        chunk.putObject("error").put("code", 502).put("message", "Provider disconnected");
        event(out, chunk);
        writeChunk(out, "data: [DONE]\n\n");
      }
      default -> {
        // EOF_NO_DONE: the body simply ends.
      }
    }
    out.close();
  }

  /**
   * As OpenAI streams a call: the first delta names it with index, id, type and function name and
   * empty arguments; the following deltas carry only the index and a piece of the arguments.
   */
  private static void streamToolCall(
      OutputStream out,
      String id,
      String callId,
      String model,
      FakeToolCall call,
      FakeBehaviour behaviour,
      Duration pause)
      throws IOException, InterruptedException {
    ObjectNode first = JSON.createObjectNode().put("role", "assistant").putNull("content");
    first.putArray("tool_calls").add(toolCall(callId, call.name(), "").put("index", 0));
    event(out, chunk(id, model, first, null));
    int sent = 0;
    for (String fragment : call.fragments()) {
      if (behaviour == FakeBehaviour.BROKEN_STREAM && sent == 2) {
        throw DropConnection.afterClientRead();
      }
      Thread.sleep(pause.toMillis());
      ObjectNode delta = JSON.createObjectNode();
      ObjectNode piece = delta.putArray("tool_calls").addObject().put("index", 0);
      piece.putObject("function").put("arguments", fragment);
      event(out, chunk(id, model, delta, null));
      sent++;
    }
  }

  private static ObjectNode toolCall(String callId, String name, String arguments) {
    ObjectNode call = JSON.createObjectNode().put("id", callId).put("type", "function");
    call.putObject("function").put("name", name).put("arguments", arguments);
    return call;
  }

  private static void event(OutputStream out, ObjectNode data) throws IOException {
    writeChunk(out, "data: " + JSON.writeValueAsString(data) + "\n\n");
  }

  /** A {@code chat.completion.chunk}; a null delta makes the usage-only chunk with no choices. */
  private static ObjectNode chunk(String id, String model, ObjectNode delta, String finishReason) {
    ObjectNode chunk = header(id, "chat.completion.chunk", model);
    ArrayNode choices = chunk.putArray("choices");
    if (delta != null) {
      ObjectNode choice = choices.addObject().put("index", 0);
      choice.set("delta", delta);
      choice.putNull("logprobs");
      choice.put("finish_reason", finishReason);
    }
    return chunk;
  }

  private static ObjectNode completion(String id, String callId, String model, FakeAnswer answer) {
    ObjectNode completion = header(id, "chat.completion", model);
    ObjectNode choice = completion.putArray("choices").addObject().put("index", 0);
    ObjectNode message = choice.putObject("message").put("role", "assistant");
    FakeToolCall call = answer.toolCall();
    if (call == null) {
      message.put("content", answer.content());
    } else {
      message.putNull("content");
      message.putArray("tool_calls").add(toolCall(callId, call.name(), call.arguments()));
    }
    message.putNull("refusal");
    choice.putNull("logprobs");
    choice.put("finish_reason", answer.finishReason());
    completion.set("usage", usage(answer));
    return completion;
  }

  private static ObjectNode header(String id, String object, String model) {
    return JSON.createObjectNode()
        .put("id", id)
        .put("object", object)
        .put("created", Instant.now().getEpochSecond())
        .put("model", model)
        .put("system_fingerprint", "fp_coracle_fake");
  }

  private static ObjectNode usage(FakeAnswer answer) {
    return JSON.createObjectNode()
        .put("prompt_tokens", answer.promptTokens())
        .put("completion_tokens", answer.completionTokens())
        .put("total_tokens", answer.promptTokens() + answer.completionTokens());
  }

  /** Answers the HTTP failures; returns false when the behaviour is a normal answer. */
  private static boolean sendFailure(HttpExchange exchange, FakeBehaviour behaviour, String model)
      throws IOException {
    switch (behaviour) {
      case FAIL_500 ->
          sendJson(
              exchange,
              500,
              error(
                  "The server had an error while processing your request.", "server_error", null));
      case RATE_LIMITED -> {
        var headers = exchange.getResponseHeaders();
        headers.set("retry-after", "7");
        headers.set("x-ratelimit-limit-requests", "30");
        headers.set("x-ratelimit-remaining-requests", "0");
        headers.set("x-ratelimit-reset-requests", "7s");
        headers.set("x-ratelimit-limit-tokens", "6000");
        headers.set("x-ratelimit-remaining-tokens", "0");
        headers.set("x-ratelimit-reset-tokens", "7s");
        sendJson(
            exchange,
            429,
            error(
                "Rate limit reached for model `"
                    + model
                    + "`: requests per minute (RPM). Please try again in 7s.",
                "requests",
                "rate_limit_exceeded"));
      }
      case RATE_LIMITED_DAY -> {
        // Cerebras names the window of each budget: requests per day, tokens per minute.
        var headers = exchange.getResponseHeaders();
        headers.set("retry-after", "33011");
        headers.set("x-ratelimit-limit-requests-day", "14400");
        headers.set("x-ratelimit-remaining-requests-day", "0");
        headers.set("x-ratelimit-reset-requests-day", "33011.382867336273");
        headers.set("x-ratelimit-limit-tokens-minute", "60000");
        headers.set("x-ratelimit-remaining-tokens-minute", "59000");
        headers.set("x-ratelimit-reset-tokens-minute", "11.38");
        sendJson(
            exchange,
            429,
            error(
                "Requests per day limit exceeded - too many requests sent.",
                "too_many_requests_error",
                "request_quota_exceeded"));
      }
      case UNAUTHORIZED ->
          sendJson(
              exchange,
              401,
              error("Incorrect API key provided.", "invalid_request_error", "invalid_api_key"));
      case MISSING ->
          sendJson(
              exchange,
              404,
              error(
                  "The model `" + model + "` does not exist or you do not have access to it.",
                  "invalid_request_error",
                  "model_not_found"));
      default -> {
        return false;
      }
    }
    return true;
  }

  private static ObjectNode error(String message, String type, String code) {
    ObjectNode body = JSON.createObjectNode();
    body.putObject("error")
        .put("message", message)
        .put("type", type)
        .putNull("param")
        .put("code", code);
    return body;
  }

  private static ObjectNode models() {
    ObjectNode list = JSON.createObjectNode().put("object", "list");
    ArrayNode data = list.putArray("data");
    Arrays.stream(FakeBehaviour.values())
        .forEach(
            b ->
                data.addObject()
                    .put("id", b.modelName())
                    .put("object", "model")
                    .put("created", 1_700_000_000L)
                    .put("owned_by", "coracle-fake"));
    return list;
  }
}
