package dev.coracle.activities.providers;

import java.net.http.HttpClient;
import java.util.function.Supplier;

/**
 * A JDK HTTP client built on its first use rather than with its owner. Building one initialises the
 * default TLS context (about 650 classes and the parsed CA certificates, several MB that stay for
 * the life of the process) and starts a selector thread; a singleton whose client most users never
 * need (Ollama's text completions, the web search tool) should not pay that at start-up.
 */
public final class LazyHttpClient {
  private final Supplier<HttpClient> build;
  private volatile HttpClient client;

  /** {@code build} runs once, on the first {@link #get()}. */
  public LazyHttpClient(Supplier<HttpClient> build) {
    this.build = build;
  }

  public HttpClient get() {
    HttpClient built = client;
    if (built == null) {
      synchronized (this) {
        built = client;
        if (built == null) {
          built = build.get();
          client = built;
        }
      }
    }
    return built;
  }
}
