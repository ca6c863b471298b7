package dev.coracle.fakes;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One request as a fake upstream received it.
 *
 * @param headers header names in lower case
 * @param body the parsed JSON body; a missing node when there was none or it was not JSON
 * @param query the raw query string, e.g. {@code alt=sse}; null when there was none
 */
public record RecordedRequest(
    String method,
    String path,
    Map<String, List<String>> headers,
    JsonNode body,
    Instant at,
    String query) {

  /** The first value of a header, or null. */
  public String header(String name) {
    List<String> values = headers.get(name.toLowerCase(java.util.Locale.ROOT));
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  /** The {@code model} field of the body, or null. */
  public String model() {
    return body.path("model").isTextual() ? body.path("model").asText() : null;
  }
}
