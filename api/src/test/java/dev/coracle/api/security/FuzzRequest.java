package dev.coracle.api.security;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * One request the fuzzer sends.
 *
 * @param route the route template it aims at, e.g. {@code POST /api/jobs/{id}/cancel}
 * @param kind what was done to it, e.g. {@code wrong-type messages[0].content}
 * @param body null for no body at all
 */
record FuzzRequest(
    String route,
    String kind,
    String method,
    String path,
    Map<String, String> headers,
    byte[] body) {

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
    return method + " " + path + " [" + kind + "] headers " + headers + " body " + bodyPreview();
  }
}
