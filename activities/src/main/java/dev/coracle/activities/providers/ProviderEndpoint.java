package dev.coracle.activities.providers;

import java.time.Duration;
import java.util.Objects;

/**
 * Where and how to reach one configured upstream.
 *
 * @param name the provider's configured name, used in error messages and audit rows
 * @param apiKey the bearer token; null or blank for local servers that need none
 * @param timeout the idle timeout: the longest wait for the response (for a plain call, the whole
 *     answer), and while streaming the longest silence before the first token and between two
 * @param keepAlive for Ollama: how long the model stays loaded after the call (null: Ollama's
 *     default)
 * @param totalTimeout the longest one call may take, every streamed token included; null means
 *     {@link #DEFAULT_TOTAL_TIMEOUT}, and it is never shorter than {@code timeout}
 */
public record ProviderEndpoint(
    String name,
    ProviderKind kind,
    String baseUrl,
    String apiKey,
    Duration timeout,
    Duration keepAlive,
    Duration totalTimeout) {

  /** Long enough for a slow local model's long answer; a stall is caught by the idle timeout. */
  public static final Duration DEFAULT_TOTAL_TIMEOUT = Duration.ofMinutes(30);

  public ProviderEndpoint(
      String name, ProviderKind kind, String baseUrl, String apiKey, Duration timeout) {
    this(name, kind, baseUrl, apiKey, timeout, null, null);
  }

  public ProviderEndpoint(
      String name,
      ProviderKind kind,
      String baseUrl,
      String apiKey,
      Duration timeout,
      Duration keepAlive) {
    this(name, kind, baseUrl, apiKey, timeout, keepAlive, null);
  }

  public ProviderEndpoint {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(baseUrl, "baseUrl");
    Objects.requireNonNull(timeout, "timeout");
    if (totalTimeout == null) {
      totalTimeout = DEFAULT_TOTAL_TIMEOUT;
    }
    if (totalTimeout.compareTo(timeout) < 0) {
      totalTimeout = timeout;
    }
  }

  /** The key must never reach a log line or an exception message through {@code toString}. */
  @Override
  public String toString() {
    return "ProviderEndpoint[name=%s, kind=%s, baseUrl=%s, apiKey=%s, timeout=%s, totalTimeout=%s]"
        .formatted(name, kind, baseUrl, hasApiKey() ? "***" : "none", timeout, totalTimeout);
  }

  boolean hasApiKey() {
    return apiKey != null && !apiKey.isBlank();
  }
}
