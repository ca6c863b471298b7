package dev.coracle.workflows.chat;

/**
 * Typed business failures of a chat. Each name is used as the Temporal {@code ApplicationFailure}
 * type, so the API can map a failed workflow to the right HTTP status.
 */
public enum ChatErrorType {
  /** No configured provider can serve the request; the message says why. HTTP 503. */
  NO_PROVIDER,
  /** The upstream refused the request itself (4xx other than auth and rate limits). */
  UPSTREAM_REJECTED,
  /** The upstream rate-limited the request (HTTP 429). */
  UPSTREAM_RATE_LIMITED,
  /** The upstream refused our credentials (HTTP 401/403). */
  UPSTREAM_AUTH,
  /** The upstream failed or could not be reached (5xx, refused connection, timeout). */
  UPSTREAM_UNAVAILABLE,
  /** A streamed answer broke after tokens were sent; falling back would repeat them. */
  STREAM_BROKEN,
  /** An MCP server the request attached could not be reached; the message names it. HTTP 502. */
  MCP_UNAVAILABLE;

  /** Failures that retrying the same upstream cannot fix. */
  public static String[] nonRetryable() {
    return new String[] {
      NO_PROVIDER.name(),
      UPSTREAM_REJECTED.name(),
      UPSTREAM_RATE_LIMITED.name(),
      UPSTREAM_AUTH.name(),
      STREAM_BROKEN.name()
    };
  }
}
