package dev.coracle.activities.providers;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What the upstream's HTTP response to one model call said in its status line and headers, which
 * LangChain4j does not pass on. The invoking thread binds a capture before it calls the model; the
 * HTTP client ({@link CapturingJdkHttpClient}) picks it up when it sends the request, and fills it
 * when the response's headers arrive, on whichever thread that happens.
 */
final class ResponseCapture {

  private static final ThreadLocal<ResponseCapture> CURRENT = new ThreadLocal<>();

  private volatile int status;
  private volatile Map<String, List<String>> headers;
  private volatile Instant receivedAt;
  private volatile StreamEnding ending;

  /** The capture bound to this thread, or null outside a model call. */
  static ResponseCapture current() {
    return CURRENT.get();
  }

  /** Binds this capture to the calling thread until the binding is closed. */
  Binding bind() {
    ResponseCapture previous = CURRENT.get();
    CURRENT.set(this);
    return () -> {
      if (previous == null) {
        CURRENT.remove();
      } else {
        CURRENT.set(previous);
      }
    };
  }

  /** Watches the body of this call's response, a stream, for how it ends. */
  void watchEnding(StreamEnding ending) {
    this.ending = ending;
  }

  /** The watcher of a streamed call's body, or null for a plain call. */
  StreamEnding ending() {
    return ending;
  }

  /** Called by the HTTP client as soon as a response's status and headers are known. */
  void record(int status, Map<String, List<String>> headers) {
    this.headers = headers;
    this.receivedAt = Instant.now();
    this.status = status;
  }

  /** The response's HTTP status, or 0 when none arrived. */
  int status() {
    return status;
  }

  /**
   * What the response revealed about rate limits: its headers, and the error body when there is
   * one. Null when no response arrived or it said nothing about limits.
   *
   * @param errorBody the body of a failed response, or null
   */
  RateLimitInfo rateLimits(String errorBody) {
    Map<String, List<String>> seen = headers;
    Instant at = receivedAt == null ? Instant.now() : receivedAt;
    RateLimitInfo info =
        RateLimitParser.merge(
            RateLimitParser.fromErrorBody(errorBody, at),
            seen == null ? null : RateLimitParser.fromHeaders(seen, at));
    return info.isEmpty() && info.scope() == null ? null : info;
  }

  /** Ends a binding; closing never throws. */
  @FunctionalInterface
  interface Binding extends AutoCloseable {
    @Override
    void close();
  }
}
