package dev.coracle.activities.streaming;

import jakarta.inject.Singleton;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Carries tokens from a model activity to the HTTP response waiting for them, when both run in one
 * process. It is only a fast lane: the durable answer always comes from the workflow, and when
 * nobody in this process listens, the activity makes a plain call.
 */
@Singleton
public class TokenHub {
  private final Map<String, StreamListener> listeners = new ConcurrentHashMap<>();

  /**
   * Starts listening for tokens published under {@code key}; close the handle when done. The first
   * listener keeps the key: a repeated request (same idempotency key) must not steal the tokens of
   * the response already streaming, and gets the durable result instead.
   */
  public AutoCloseable subscribe(String key, StreamListener listener) {
    listeners.putIfAbsent(key, listener);
    return () -> listeners.remove(key, listener);
  }

  /** The listener for {@code key}, or null when no response in this process is waiting. */
  public StreamListener listenerFor(String key) {
    return key == null ? null : listeners.get(key);
  }
}
