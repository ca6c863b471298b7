package dev.coracle.activities.providers;

/**
 * How far a failed model call got, which decides whether the upstream counted it against its quota.
 * An upstream counts a call once it has accepted the request, not once it has answered, so anything
 * that fails after the request went out is treated as spent.
 */
public enum UpstreamReach {
  /**
   * The request never reached the upstream: the connection was refused, the host did not resolve,
   * the TLS handshake failed or the connect timed out. The upstream cannot have counted it.
   */
  NOT_SENT,
  /**
   * The upstream accepted the request: response headers arrived, a byte of a stream arrived, or the
   * request went out and the call then failed (a read timeout, a dropped connection). The upstream
   * may well have counted it, so coracle counts it too.
   */
  ACCEPTED
}
