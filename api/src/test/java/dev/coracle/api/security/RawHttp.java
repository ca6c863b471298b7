package dev.coracle.api.security;

import com.fasterxml.jackson.databind.JsonNode;
import dev.coracle.api.HttpCalls;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 written byte by byte on a socket. Java's client will not send a {@code Host} header of
 * our choosing, and a DNS-rebinding page's requests differ from a local program's in exactly that
 * header; the fuzzer also sends bytes no client library would (invalid percent-encoding, raw bytes
 * in the path, control characters in header values, a broken chunked body).
 */
final class RawHttp {
  private RawHttp() {}

  /** A response: status, headers (lower-case names) and the body as text. */
  record Answer(int status, Map<String, List<String>> headers, String body) {
    JsonNode json() {
      return HttpCalls.parse(body);
    }

    boolean hasHeader(String name) {
      return headers.containsKey(name.toLowerCase(Locale.ROOT));
    }

    String contentType() {
      List<String> values = headers.getOrDefault("content-type", List.of());
      return values.isEmpty() ? null : values.get(0);
    }
  }

  /**
   * Sends one request and reads the answer to the end ({@code Connection: close}).
   *
   * @param headers name/value pairs, sent as given and in order; include {@code Host} yourself
   */
  static Answer send(int port, String method, String target, String body, String... headers) {
    StringBuilder request = new StringBuilder();
    request.append(method).append(' ').append(target).append(" HTTP/1.1\r\n");
    for (int i = 0; i + 1 < headers.length; i += 2) {
      request.append(headers[i]).append(": ").append(headers[i + 1]).append("\r\n");
    }
    byte[] payload = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
    if (body != null) {
      request.append("Content-Length: ").append(payload.length).append("\r\n");
    }
    request.append("Connection: close\r\n\r\n");
    byte[] head = request.toString().getBytes(StandardCharsets.ISO_8859_1);
    byte[] message = Arrays.copyOf(head, head.length + payload.length);
    System.arraycopy(payload, 0, message, head.length, payload.length);
    try {
      return send(port, message, false);
    } catch (IOException e) {
      throw new UncheckedIOException(method + " " + target, e);
    }
  }

  /**
   * Sends a whole message as given, then half-closes the connection, so a message the server is
   * still waiting on (a truncated body) ends there instead of at the read timeout. It is written on
   * another thread while this one reads: a server may answer (413, 400) and close before a big
   * message is written in full, and that answer must still be read.
   */
  static Answer send(int port, byte[] message) throws IOException {
    return send(port, message, true);
  }

  /**
   * @param halfClose whether to shut the output down after the message; a complete request must
   *     not, since the server may take the end of input for a client that left and not answer
   */
  private static Answer send(int port, byte[] message, boolean halfClose) throws IOException {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
      socket.setSoTimeout(60_000);
      Thread writer =
          new Thread(
              () -> {
                try {
                  socket.getOutputStream().write(message);
                  socket.getOutputStream().flush();
                  if (halfClose) {
                    socket.shutdownOutput();
                  }
                } catch (IOException closedByTheServer) {
                  // The server stopped reading; its answer, if any, is read below.
                }
              },
              "raw-http-writer");
      writer.start();
      byte[] answer = socket.getInputStream().readAllBytes();
      joinQuietly(writer);
      return parse(answer);
    }
  }

  private static void joinQuietly(Thread thread) {
    try {
      thread.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Status, headers and body of one HTTP/1.1 answer; a chunked body is joined. */
  static Answer parse(byte[] raw) throws IOException {
    String text = new String(raw, StandardCharsets.ISO_8859_1);
    int end = text.indexOf("\r\n\r\n");
    if (!text.startsWith("HTTP/1.") || end < 0) {
      throw new IOException("not an HTTP answer: " + ResponseChecks.abbreviate(text));
    }
    String[] lines = text.substring(0, end).split("\r\n");
    int status = Integer.parseInt(lines[0].split(" ")[1]);
    Map<String, List<String>> headers = new LinkedHashMap<>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      headers
          .computeIfAbsent(
              lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT),
              name -> new ArrayList<>())
          .add(lines[i].substring(colon + 1).strip());
    }
    byte[] body = Arrays.copyOfRange(raw, end + 4, raw.length);
    if (String.join(",", headers.getOrDefault("transfer-encoding", List.of()))
        .toLowerCase(Locale.ROOT)
        .contains("chunked")) {
      body = unchunk(body);
    }
    return new Answer(status, headers, new String(body, StandardCharsets.UTF_8));
  }

  private static byte[] unchunk(byte[] chunked) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    InputStream in = new java.io.ByteArrayInputStream(chunked);
    while (true) {
      String sizeLine = readLine(in);
      if (sizeLine.isEmpty()) {
        return out.toByteArray();
      }
      int size = Integer.parseInt(sizeLine.split(";")[0].strip(), 16);
      if (size == 0) {
        return out.toByteArray();
      }
      out.write(in.readNBytes(size));
      readLine(in);
    }
  }

  private static String readLine(InputStream in) throws IOException {
    StringBuilder line = new StringBuilder();
    int c;
    while ((c = in.read()) != -1 && c != '\n') {
      if (c != '\r') {
        line.append((char) c);
      }
    }
    return line.toString();
  }
}
