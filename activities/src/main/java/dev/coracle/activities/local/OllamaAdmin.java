package dev.coracle.activities.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.coracle.activities.json.CoracleJson;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * Ollama's model-management endpoints: which models are in memory ({@code GET /api/ps}), and
 * loading or unloading one through {@code POST /api/generate} without a prompt, which is how the
 * Ollama API documentation says to do it. Every failure is an {@link IOException} that names the
 * server and the request.
 */
public final class OllamaAdmin {
  /** Listing and unloading answer at once; only a load waits for the model to be read. */
  public static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(10);

  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
  private static final ObjectMapper JSON = CoracleJson.mapper();

  private final HttpClient http =
      HttpClient.newBuilder()
          .connectTimeout(CONNECT_TIMEOUT)
          .version(HttpClient.Version.HTTP_1_1)
          .build();
  private final String baseUrl;
  private final Duration timeout;
  private final Duration loadTimeout;

  /**
   * @param timeout for listing and unloading
   * @param loadTimeout for loading, which reads the whole model from disk
   */
  public OllamaAdmin(String baseUrl, Duration timeout, Duration loadTimeout) {
    this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    this.timeout = timeout;
    this.loadTimeout = loadTimeout;
  }

  public String baseUrl() {
    return baseUrl;
  }

  /** The models in memory now. */
  public List<ResidentModel> ps() throws IOException {
    JsonNode body = send("GET", "/api/ps", null, timeout, "list resident models");
    List<ResidentModel> models = new ArrayList<>();
    for (JsonNode model : body.path("models")) {
      String name = model.path("name").asText(model.path("model").asText(""));
      models.add(
          new ResidentModel(
              name,
              model.path("size").asLong(0),
              model.path("size_vram").asLong(0),
              instant(model.path("expires_at").asText(""))));
    }
    return models;
  }

  /**
   * Asks Ollama to unload {@code model}. Ollama answers before the memory is free; {@link #ps()}
   * says when it is.
   */
  public void unload(String model) throws IOException {
    ObjectNode body = JSON.createObjectNode().put("model", model).put("keep_alive", 0);
    send("POST", "/api/generate", body, timeout, "unload " + model);
  }

  /** Loads {@code model} and keeps it for {@code keepAlive} (a Go duration such as {@code 5m}). */
  public void load(String model, String keepAlive) throws IOException {
    ObjectNode body = JSON.createObjectNode().put("model", model).put("keep_alive", keepAlive);
    send("POST", "/api/generate", body, loadTimeout, "load " + model);
  }

  private JsonNode send(String method, String path, JsonNode body, Duration limit, String what)
      throws IOException {
    String request = method + " " + path + " (" + what + ")";
    HttpRequest.Builder builder;
    try {
      builder = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(limit);
    } catch (IllegalArgumentException e) {
      throw new IOException("Ollama base URL " + baseUrl + " is not a valid URL", e);
    }
    if (body == null) {
      builder.GET();
    } else {
      builder
          .header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8));
    }
    HttpResponse<String> response;
    try {
      response = http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
    } catch (HttpTimeoutException e) {
      throw new IOException(
          "Ollama at " + baseUrl + " did not answer " + request + " within " + seconds(limit), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted during " + request + " to " + baseUrl);
    } catch (IOException e) {
      throw new IOException(
          "Ollama at "
              + baseUrl
              + " is not reachable: "
              + describe(e)
              + " ("
              + method
              + " "
              + path
              + ", to "
              + what
              + ")",
          e);
    }
    return parse(response, request);
  }

  private JsonNode parse(HttpResponse<String> response, String request) throws IOException {
    JsonNode json;
    try {
      json = response.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(response.body());
    } catch (IOException e) {
      json = null;
    }
    if (response.statusCode() / 100 != 2) {
      String error = json == null ? response.body() : json.path("error").asText(response.body());
      throw new IOException(
          "Ollama at "
              + baseUrl
              + " answered HTTP "
              + response.statusCode()
              + " to "
              + request
              + (error.isBlank() ? "" : ": " + error.strip()));
    }
    if (json == null) {
      throw new IOException(
          "Ollama at " + baseUrl + " sent something other than JSON to " + request);
    }
    return json;
  }

  private static Instant instant(String text) {
    try {
      return text.isEmpty() ? null : OffsetDateTime.parse(text).toInstant();
    } catch (RuntimeException e) {
      return null;
    }
  }

  private static String describe(IOException e) {
    Throwable cause = e;
    while (cause.getMessage() == null && cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause.getMessage() != null ? cause.getMessage() : cause.getClass().getSimpleName();
  }

  private static String seconds(Duration limit) {
    return limit.toMillis() % 1000 == 0 ? limit.toSeconds() + " s" : limit.toMillis() + " ms";
  }
}
