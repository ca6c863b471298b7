package dev.coracle.api.security;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * One request the fuzzer sends.
 *
 * @param route the route template it aims at, e.g. {@code POST /api/jobs/{id}/cancel}
 * @param kind what was done to it, e.g. {@code wrong-type messages[0].content}
 * @param body null for no body at all
 * @param raw the whole HTTP message to write to a socket, or null to send it with an HTTP client
 */
record FuzzRequest(
    String route,
    String kind,
    String method,
    String path,
    Map<String, String> headers,
    byte[] body,
    byte[] raw) {

  FuzzRequest(
      String route,
      String kind,
      String method,
      String path,
      Map<String, String> headers,
      byte[] body) {
    this(route, kind, method, path, headers, body, null);
  }

  /**
   * True when the message is not HTTP a server must answer: the body's framing is broken (chunk
   * sizes, a compression it does not have) or the request target holds bytes outside printable
   * ASCII. The server may then close the connection without an answer, as HTTP servers do for a
   * stream they cannot read.
   */
  boolean notHttp() {
    return kind.startsWith(RawMessages.BROKEN_CHUNKS)
        || kind.startsWith(RawMessages.NOT_COMPRESSED)
        || (raw != null && !path.chars().allMatch(c -> c > 0x20 && c < 0x7F));
  }

  /** The start of the body as text, for a failure message. */
  String bodyPreview() {
    if (body == null) {
      return "(no body)";
    }
    String text = new String(body, 0, Math.min(body.length, 300), StandardCharsets.UTF_8);
    return text + (body.length > 300 ? "… (" + body.length + " bytes)" : "");
  }

  @Override
  public String toString() {
    String target = path.length() > 200 ? path.substring(0, 200) + "…" : path;
    return method + " " + target + " [" + kind + "] headers " + headers + " body " + bodyPreview();
  }
}
