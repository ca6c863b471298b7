package dev.coracle.activities.providers;

import java.time.Duration;
import java.util.Objects;

/**
 * Where and how to reach one configured upstream.
 *
 * @param name the provider's configured name, used in error messages and audit rows
 * @param apiKey the bearer token; null or blank for local servers that need none
 * @param timeout how long to wait for a response, and for each streamed token
 * @param keepAlive for Ollama: how long the model stays loaded after the call (null: Ollama's
 *     default)
 */
public record ProviderEndpoint(
    String name,
    ProviderKind kind,
    String baseUrl,
    String apiKey,
    Duration timeout,
    Duration keepAlive) {

  public ProviderEndpoint(
      String name, ProviderKind kind, String baseUrl, String apiKey, Duration timeout) {
    this(name, kind, baseUrl, apiKey, timeout, null);
  }

  public ProviderEndpoint {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(baseUrl, "baseUrl");
    Objects.requireNonNull(timeout, "timeout");
  }

  /** The key must never reach a log line or an exception message through {@code toString}. */
  @Override
  public String toString() {
    return "ProviderEndpoint[name=%s, kind=%s, baseUrl=%s, apiKey=%s, timeout=%s]"
        .formatted(name, kind, baseUrl, hasApiKey() ? "***" : "none", timeout);
  }

  boolean hasApiKey() {
    return apiKey != null && !apiKey.isBlank();
  }
}
