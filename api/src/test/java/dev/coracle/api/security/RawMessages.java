package dev.coracle.api.security;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

/**
 * Whole HTTP/1.1 messages broken below the level an HTTP client library lets a caller reach: the
 * request target, the header lines, the framing of the body.
 */
final class RawMessages {
  private static final List<String> TARGETS =
      List.of(
          "/v1/chat/completions?x=%zz",
          "/api/jobs/%",
          "/api/jobs/%zz/events",
          "/v1/models/%C0%AF",
          "/api/jobs/\u00ff\u00fe",
          "/mcp?\u0001",
          "/v1/" + "a".repeat(20_000),
          "*",
          "http://evil.example/v1/models",
          "/api/jobs?limit=" + "9".repeat(5_000));

  static final String BROKEN_CHUNKS = "raw broken chunked body";
  static final String NOT_COMPRESSED = "raw body that is not compressed as declared";

  private RawMessages() {}

  /** A raw message aimed at {@code route}, and what was done to it. */
  static FuzzRequest message(FuzzRoute route, int port, byte[] body, Random random) {
    String method = route.method();
    String target = route.fill(name -> "job-none");
    String extraHeader = "";
    String framing = "content-length";
    String kind;
    switch (random.nextInt(6)) {
      case 0 -> {
        target = TARGETS.get(random.nextInt(TARGETS.size()));
        kind = "raw target";
      }
      case 1 -> {
        extraHeader = "Idempotency-Key: a\u0001b\u00ffc\r\n";
        kind = "raw control bytes in a header";
      }
      case 2 -> {
        extraHeader = "X-Long: " + "h".repeat(20_000 + random.nextInt(20_000)) + "\r\n";
        kind = "raw header over the limit";
      }
      case 3 -> {
        extraHeader = "Content-Encoding: " + (random.nextBoolean() ? "gzip" : "deflate") + "\r\n";
        kind = NOT_COMPRESSED;
      }
      case 4 -> {
        framing = "broken-chunks";
        kind = BROKEN_CHUNKS;
      }
      default -> {
        extraHeader = "no colon on this line\r\n";
        kind = "raw header line without a colon";
      }
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    StringBuilder head = new StringBuilder();
    head.append(method).append(' ').append(target).append(" HTTP/1.1\r\n");
    head.append("Host: 127.0.0.1:").append(port).append("\r\n");
    head.append("Content-Type: application/json\r\n").append("Connection: close\r\n");
    head.append(extraHeader);
    if (framing.equals("broken-chunks")) {
      head.append("Transfer-Encoding: chunked\r\n\r\n");
      out.writeBytes(head.toString().getBytes(StandardCharsets.ISO_8859_1));
      out.writeBytes(
          ("zz\r\n" + new String(body, StandardCharsets.ISO_8859_1) + "\r\n0\r\n\r\n")
              .getBytes(StandardCharsets.ISO_8859_1));
    } else {
      head.append("Content-Length: ").append(body.length).append("\r\n\r\n");
      out.writeBytes(head.toString().getBytes(StandardCharsets.ISO_8859_1));
      out.writeBytes(body);
    }
    return new FuzzRequest(
        route.toString(), kind, method, target, java.util.Map.of(), body, out.toByteArray());
  }
}
