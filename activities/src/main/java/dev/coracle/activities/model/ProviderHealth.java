package dev.coracle.activities.model;

import dev.coracle.activities.config.LoadedConfig;
import dev.coracle.activities.providers.ProviderKind;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Whether a provider can be reached, checked cheaply and remembered for a short while so routing
 * never waits on a dead server. Ollama is probed with {@code GET /api/tags}; cloud providers are
 * not probed (a probe could cost free-tier quota) and count as reachable until a call fails.
 */
@Singleton
public class ProviderHealth {
  private static final Duration PROBE_TIMEOUT = Duration.ofMillis(800);

  private final HttpClient http =
      HttpClient.newBuilder()
          .connectTimeout(PROBE_TIMEOUT)
          .version(HttpClient.Version.HTTP_1_1)
          .build();
  private final Map<String, Check> checks = new ConcurrentHashMap<>();
  private final Duration ttl;
  private final Clock clock = Clock.systemUTC();

  public ProviderHealth(LoadedConfig loaded) {
    this.ttl = Duration.ofSeconds(loaded.config().chat().healthCheckSeconds());
  }

  /** The result of the latest probe. */
  public record Check(boolean reachable, String detail, Instant at) {}

  public Check check(ConfiguredProvider provider) {
    if (provider.kind() != ProviderKind.OLLAMA) {
      return new Check(true, "not probed", clock.instant());
    }
    Check cached = checks.get(provider.name());
    if (cached != null && cached.at().plus(ttl).isAfter(clock.instant())) {
      return cached;
    }
    Check fresh = probeOllama(provider.endpoint().baseUrl());
    checks.put(provider.name(), fresh);
    return fresh;
  }

  private Check probeOllama(String baseUrl) {
    try {
      HttpRequest request =
          HttpRequest.newBuilder(URI.create(trimSlash(baseUrl) + "/api/tags"))
              .timeout(PROBE_TIMEOUT)
              .GET()
              .build();
      int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
      return status == 200
          ? new Check(true, "reachable at " + baseUrl, clock.instant())
          : new Check(false, "answered HTTP " + status + " at " + baseUrl, clock.instant());
    } catch (IOException | IllegalArgumentException e) {
      return new Check(false, "not reachable at " + baseUrl, clock.instant());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Check(false, "probe interrupted", clock.instant());
    }
  }

  private static String trimSlash(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }
}
