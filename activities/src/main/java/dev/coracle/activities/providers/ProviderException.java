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
  private final UpstreamReach reach;
  private final boolean timedOut;

  public ProviderException(ChatErrorType type, int httpStatus, String message, Throwable cause) {
    this(type, httpStatus, message, cause, null);
  }

  /**
   * For a caller that cannot tell how far the call got: an HTTP status proves the upstream accepted
   * it; without one the call is taken as never sent.
   *
   * @param rateLimit what the failed response said about rate limits, or null
   */
  public ProviderException(
      ChatErrorType type,
      int httpStatus,
      String message,
      Throwable cause,
      RateLimitInfo rateLimit) {
    this(
        type,
        httpStatus,
        message,
        cause,
        rateLimit,
        httpStatus == 0 ? UpstreamReach.NOT_SENT : UpstreamReach.ACCEPTED);
  }

  /**
   * @param rateLimit what the failed response said about rate limits, or null
   * @param reach whether the upstream accepted the request before the call failed
   */
  public ProviderException(
      ChatErrorType type,
      int httpStatus,
      String message,
      Throwable cause,
      RateLimitInfo rateLimit,
      UpstreamReach reach) {
    this(type, httpStatus, message, cause, rateLimit, reach, false);
  }

  /**
   * @param timedOut whether the call failed because the upstream was too slow: silent for the idle
   *     timeout, or still going at the total timeout
   */
  public ProviderException(
      ChatErrorType type,
      int httpStatus,
      String message,
      Throwable cause,
      RateLimitInfo rateLimit,
      UpstreamReach reach,
      boolean timedOut) {
    super(message, cause);
    this.type = type;
    this.httpStatus = httpStatus;
    this.rateLimit = rateLimit;
    this.reach = reach;
    this.timedOut = timedOut;
  }

  /**
   * Whether the upstream was too slow. The same upstream is not asked again within the request: it
   * would most likely be as slow, and the client has waited long enough.
   */
  public boolean timedOut() {
    return timedOut;
  }

  public ChatErrorType type() {
    return type;
  }

  /** The upstream's HTTP status, or 0 when no response arrived (refused, timed out). */
  public int httpStatus() {
    return httpStatus;
  }

  /** Whether the upstream accepted the request, and so may have counted it, before it failed. */
  public UpstreamReach reach() {
    return reach;
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
