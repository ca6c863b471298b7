package dev.coracle.activities.providers;

import dev.langchain4j.http.client.jdk.JdkHttpClient;
import dev.langchain4j.http.client.jdk.JdkHttpClientBuilder;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One JDK HTTP client per upstream for plain calls and one for streams, shared by every model of
 * that upstream: one connection pool and one selector thread per upstream rather than per model, so
 * a call to a model not asked before reuses an open connection (no new TCP and TLS handshake). The
 * clients capture responses ({@link CapturingJdkHttpClient}). Built on first use.
 */
final class SharedHttpClients {

  /** The timeout is part of the key because the JDK client fixes its connect timeout when built. */
  private record Key(String baseUrl, Duration timeout, boolean streams) {}

  private final Map<Key, HttpClient.Builder> builders = new ConcurrentHashMap<>();

  /** LangChain4j's client builder for a model's plain calls to {@code baseUrl}. */
  JdkHttpClientBuilder forPlainCalls(String baseUrl, Duration timeout) {
    return JdkHttpClient.builder()
        .httpClientBuilder(
            builders.computeIfAbsent(
                new Key(baseUrl, timeout, false),
                key -> CapturingJdkHttpClient.forPlainCalls(key.baseUrl())));
  }

  /** LangChain4j's client builder for a model's streamed calls to {@code baseUrl}. */
  JdkHttpClientBuilder forStreams(String baseUrl, Duration timeout) {
    return JdkHttpClient.builder()
        .httpClientBuilder(
            builders.computeIfAbsent(
                new Key(baseUrl, timeout, true),
                key -> CapturingJdkHttpClient.forStreams(key.baseUrl())));
  }
}
