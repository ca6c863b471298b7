package dev.coracle.activities.model;

import dev.coracle.activities.config.LoadedConfig;
import dev.coracle.activities.providers.ProviderKind;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Whether a provider can be reached, checked cheaply and remembered for a short while so routing
 * never waits on a dead server. Ollama is probed with {@code GET /api/tags}; cloud providers are
 * not probed (a probe could cost free-tier quota) and count as reachable until a call fails.
 *
 * <p>The probe uses {@link HttpURLConnection} rather than {@code java.net.http.HttpClient} on
 * purpose: building the latter initialises the default TLS context (about 650 classes and the CA
 * certificates, several MB that an idle {@code serve} keeps for good) and starts a selector thread,
 * even for the plain-HTTP probe of a local Ollama that every start-up makes.
 */
@Singleton
public class ProviderHealth {
  private static final Duration PROBE_TIMEOUT = Duration.ofMillis(800);

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
    HttpURLConnection connection = null;
    try {
      // No proxy and no redirects, as the JDK's HttpClient did by default: the probe asks the
      // configured server itself.
      connection =
          (HttpURLConnection)
              URI.create(trimSlash(baseUrl) + "/api/tags").toURL().openConnection(Proxy.NO_PROXY);
      connection.setConnectTimeout((int) PROBE_TIMEOUT.toMillis());
      connection.setReadTimeout((int) PROBE_TIMEOUT.toMillis());
      connection.setInstanceFollowRedirects(false);
      int status = connection.getResponseCode();
      discardBody(connection);
      return status == 200
          ? new Check(true, "reachable at " + baseUrl, clock.instant())
          : new Check(false, "answered HTTP " + status + " at " + baseUrl, clock.instant());
    } catch (IOException | IllegalArgumentException e) {
      if (connection != null) {
        connection.disconnect();
      }
      return new Check(false, "not reachable at " + baseUrl, clock.instant());
    }
  }

  /** Reads the answer to its end, so the connection goes back to the JDK's keep-alive cache. */
  private static void discardBody(HttpURLConnection connection) throws IOException {
    InputStream body =
        connection.getResponseCode() < 400
            ? connection.getInputStream()
            : connection.getErrorStream();
    if (body != null) {
      try (body) {
        body.transferTo(OutputStream.nullOutputStream());
      }
    }
  }

  private static String trimSlash(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }
}
