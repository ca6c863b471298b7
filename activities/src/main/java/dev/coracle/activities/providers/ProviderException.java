package dev.coracle.activities.providers;

import dev.coracle.workflows.chat.ChatErrorType;

/**
 * A failed model call, already classified so the activity can choose between retrying, falling back
 * to another provider, or failing the chat.
 */
public class ProviderException extends RuntimeException {

  private final ChatErrorType type;
  private final int httpStatus;
  private final transient RateLimitInfo rateLimit;

  public ProviderException(ChatErrorType type, int httpStatus, String message, Throwable cause) {
    this(type, httpStatus, message, cause, null);
  }

  /**
   * @param rateLimit what the failed response said about rate limits, or null
   */
  public ProviderException(
      ChatErrorType type,
      int httpStatus,
      String message,
      Throwable cause,
      RateLimitInfo rateLimit) {
    super(message, cause);
    this.type = type;
    this.httpStatus = httpStatus;
    this.rateLimit = rateLimit;
  }

  public ChatErrorType type() {
    return type;
  }

  /** The upstream's HTTP status, or 0 when no response arrived (refused, timed out). */
  public int httpStatus() {
    return httpStatus;
  }

  /**
   * What the failed response revealed about the upstream's limits: {@code retry-after}, the {@code
   * x-ratelimit-*} headers, Gemini's exhausted quota and its window. Null when no response arrived
   * or it said nothing about limits.
   */
  public RateLimitInfo rateLimit() {
    return rateLimit;
  }
}
