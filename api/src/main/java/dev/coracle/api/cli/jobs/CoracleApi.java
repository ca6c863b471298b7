package dev.coracle.api.cli.jobs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.coracle.activities.json.CoracleJson;
import dev.coracle.api.security.ClientKey;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The jobs API of a running coracle, as the command line uses it. A refusal comes back as a {@link
 * CliFailure} with the API's own message; a coracle that cannot be reached names its URL.
 */
final class CoracleApi {
  private static final ObjectMapper JSON = CoracleJson.mapper();

  private final String base;
  private final Optional<String> key;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  CoracleApi(String url, Optional<String> key) {
    this.base = url.replaceAll("/+$", "");
    this.key = key;
  }

  JsonNode get(String path) {
    return send(request(path).GET());
  }

  JsonNode post(String path, String body) {
    return send(
        request(path)
            .header("Content-Type", "application/json")
            .POST(
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)));
  }

  /**
   * Reads a job's server-sent events after {@code afterSeq}, passing each event's JSON on, until
   * coracle ends the stream: after the job's last event when following, else after those stored.
   *
   * @throws IOException when the connection breaks; the caller may reconnect from the last seq
   */
  void events(String jobId, long afterSeq, boolean follow, Consumer<JsonNode> onEvent)
      throws IOException {
    String path =
        "/api/jobs/"
            + encode(jobId)
            + "/events?after="
            + afterSeq
            + (follow ? "" : "&follow=false");
    HttpResponse<Stream<String>> response;
    try {
      response =
          http.send(
              request(path).header("Accept", "text/event-stream").GET().build(),
              HttpResponse.BodyHandlers.ofLines());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
    if (response.statusCode() / 100 != 2) {
      String body = String.join("\n", response.body().toList());
      throw refused(response.statusCode(), body);
    }
    try (Stream<String> lines = response.body()) {
      lines
          .filter(line -> line.startsWith("data:"))
          .map(line -> line.substring(5).strip())
          .filter(data -> !data.isEmpty())
          .forEach(data -> onEvent.accept(parse(data)));
    } catch (java.io.UncheckedIOException e) {
      throw e.getCause();
    }
  }

  String url() {
    return base;
  }

  static String encode(String segment) {
    return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private HttpRequest.Builder request(String path) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofDays(1));
    key.ifPresent(value -> request.header("Authorization", ClientKey.authorization(value)));
    return request;
  }

  private JsonNode send(HttpRequest.Builder builder) {
    HttpResponse<String> response;
    try {
      response = http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw unreachable(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CliFailure(ExitCodes.UNREACHABLE, "interrupted");
    }
    if (response.statusCode() / 100 != 2) {
      throw refused(response.statusCode(), response.body());
    }
    return parse(response.body());
  }

  CliFailure unreachable(IOException e) {
    String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return new CliFailure(
        ExitCodes.UNREACHABLE,
        "cannot reach coracle at " + base + " (" + why + "); is `coracle serve` running?");
  }

  /** The API's error message, {@code {"error": {"message": ...}}}, or the status line. */
  private static CliFailure refused(int status, String body) {
    String message = "HTTP " + status;
    try {
      JsonNode error = JSON.readTree(body == null ? "" : body).path("error");
      if (error.hasNonNull("message")) {
        message = error.path("message").asText() + " (HTTP " + status + ")";
      }
    } catch (JsonProcessingException notJson) {
      // The status line says enough.
    }
    return new CliFailure(ExitCodes.REFUSED, message);
  }

  static JsonNode parse(String json) {
    try {
      return JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new CliFailure(ExitCodes.REFUSED, "coracle answered something that is not JSON");
    }
  }

  static String write(Object value) {
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree always serializes", e);
    }
  }
}
