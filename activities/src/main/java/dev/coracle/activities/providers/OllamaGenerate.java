package dev.coracle.activities.providers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.coracle.activities.json.CoracleJson;
import dev.coracle.workflows.chat.SamplingParams;
import dev.coracle.workflows.chat.TextCompletion;
import dev.coracle.workflows.chat.Usage;
import dev.coracle.workflows.model.ModelAnswer;
import dev.langchain4j.exception.HttpException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A legacy text completion on Ollama's native {@code POST /api/generate}, which LangChain4j does
 * not speak. A plain continuation is sent {@code raw}, so no chat template wraps the prompt; a
 * fill-in-the-middle request sends {@code suffix} without {@code raw}, because Ollama builds the
 * model's own FIM prompt from its template (and refuses models that have none). Failures are
 * classified like every other provider call.
 */
public final class OllamaGenerate {
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

  private final LazyHttpClient http =
      new LazyHttpClient(() -> HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build());

  /**
   * Completes {@code completion} with {@code model}.
   *
   * @param sink null for one JSON answer; otherwise every token is passed to it, in order, before
   *     this method returns
   * @throws ProviderException when Ollama fails, refuses or cannot be reached
   */
  public ModelAnswer complete(
      ProviderEndpoint endpoint,
      String model,
      TextCompletion completion,
      SamplingParams params,
      TokenSink sink) {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(trimSlash(endpoint.baseUrl()) + "/api/generate"))
            .timeout(endpoint.timeout())
            .header("Content-Type", "application/json")
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    body(endpoint, model, completion, params, sink)))
            .build();
    long started = System.nanoTime();
    GenerateLines lines = new GenerateLines(sink);
    boolean responded = false;
    try {
      HttpResponse<InputStream> response =
          http.get().send(request, HttpResponse.BodyHandlers.ofInputStream());
      responded = true;
      try (InputStream in = response.body()) {
        if (response.statusCode() != 200) {
          String error = new String(in.readAllBytes(), StandardCharsets.UTF_8);
          throw new HttpException(response.statusCode(), error);
        }
        read(in, endpoint.timeout(), lines);
      }
    } catch (IOException | RuntimeException e) {
      if (e instanceof RuntimeException && lines.sinkFailed(e)) {
        throw (RuntimeException) e; // The client stopped listening; the upstream did nothing wrong.
      }
      throw ProviderErrors.classify(e, endpoint, model, responded, lines.tokensSent(), null);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw ProviderErrors.classify(e, endpoint, model, responded, lines.tokensSent(), null);
    }
    long millis = (System.nanoTime() - started) / 1_000_000;
    return new ModelAnswer(lines.text(), lines.finishReason(), lines.usage(), millis);
  }

  /**
   * Reads NDJSON lines until the one with {@code done}. The endpoint's timeout bounds the silence
   * between two lines, as for streamed chats: a watchdog closes the body when it is exceeded.
   */
  private static void read(InputStream in, Duration idleTimeout, GenerateLines lines)
      throws IOException {
    BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    try (IdleWatchdog watchdog = new IdleWatchdog(in, idleTimeout)) {
      String line;
      while ((line = watchdog.readLine(reader)) != null) {
        if (!line.isBlank() && lines.accept(CoracleJson.mapper().readTree(line))) {
          return;
        }
      }
      throw new IOException(
          watchdog.fired()
              ? "no data for " + idleTimeout.toMillis() + "ms while generating"
              : "Ollama ended the response before its done line");
    }
  }

  private static String body(
      ProviderEndpoint endpoint,
      String model,
      TextCompletion completion,
      SamplingParams params,
      TokenSink sink) {
    ObjectNode body = CoracleJson.mapper().createObjectNode();
    body.put("model", model);
    body.put("prompt", completion.prompt());
    if (completion.fillInTheMiddle()) {
      body.put("suffix", completion.suffix());
    } else {
      body.put("raw", true);
    }
    body.put("stream", sink != null);
    if (endpoint.keepAlive() != null) {
      body.put("keep_alive", endpoint.keepAlive().toSeconds());
    }
    ObjectNode options = body.putObject("options");
    if (params.maxTokens() != null) {
      options.put("num_predict", params.maxTokens());
    }
    if (params.temperature() != null) {
      options.put("temperature", params.temperature());
    }
    if (params.topP() != null) {
      options.put("top_p", params.topP());
    }
    if (params.seed() != null) {
      options.put("seed", params.seed());
    }
    if (params.stop() != null && !params.stop().isEmpty()) {
      params.stop().forEach(options.putArray("stop")::add);
    }
    return body.toString();
  }

  private static String trimSlash(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }

  /** What the lines of one answer add up to. */
  private static final class GenerateLines {
    private final TokenSink sink;
    private final StringBuilder text = new StringBuilder();
    private RuntimeException sinkFailure;
    private boolean tokensSent;
    private String finishReason = "stop";
    private Usage usage = Usage.NONE;

    GenerateLines(TokenSink sink) {
      this.sink = sink;
    }

    /** Takes one line; true once it was the last. */
    boolean accept(JsonNode line) {
      if (line.hasNonNull("error")) {
        throw new UncheckedIOException(
            new IOException("Ollama reported an error: " + line.get("error").asText()));
      }
      String token = line.path("response").asText("");
      if (!token.isEmpty()) {
        if (sink != null) {
          try {
            sink.onToken(token);
          } catch (RuntimeException e) {
            sinkFailure = e;
            throw e;
          }
          tokensSent = true;
        }
        text.append(token);
      }
      if (!line.path("done").asBoolean(false)) {
        return false;
      }
      finishReason = "length".equals(line.path("done_reason").asText()) ? "length" : "stop";
      usage = new Usage(line.path("prompt_eval_count").asInt(0), line.path("eval_count").asInt(0));
      return true;
    }

    boolean sinkFailed(Throwable e) {
      return e == sinkFailure;
    }

    boolean tokensSent() {
      return tokensSent;
    }

    String text() {
      return text.toString();
    }

    String finishReason() {
      return finishReason;
    }

    Usage usage() {
      return usage;
    }
  }
}
