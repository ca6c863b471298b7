package dev.coracle.api.security;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Sends bytes that no HTTP client library would send (invalid percent-encoding, raw bytes in the
 * path, control characters in header values, a broken chunked body) over a plain socket, and reads
 * the answer back as {@link ResponseChecks.Answer}.
 */
final class RawHttp {
  private RawHttp() {}

  /**
   * Writes on another thread while this one reads: a server may answer (413, 400) and close before
   * a big message is written in full, and that answer must still be read.
   */
  static ResponseChecks.Answer send(int port, byte[] message) throws IOException {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
      socket.setSoTimeout(60_000);
      Thread writer =
          new Thread(
              () -> {
                try {
                  socket.getOutputStream().write(message);
                  socket.getOutputStream().flush();
                  socket.shutdownOutput();
                } catch (IOException closedByTheServer) {
                  // The server stopped reading; its answer, if any, is read below.
                }
              },
              "fuzz-raw-writer");
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

  /** Status, content type and body of one HTTP/1.1 answer; a chunked body is joined. */
  static ResponseChecks.Answer parse(byte[] answer) throws IOException {
    String text = new String(answer, StandardCharsets.ISO_8859_1);
    int end = text.indexOf("\r\n\r\n");
    if (!text.startsWith("HTTP/1.") || end < 0) {
      throw new IOException("not an HTTP answer: " + ResponseChecks.abbreviate(text));
    }
    String[] head = text.substring(0, end).split("\r\n");
    int status = Integer.parseInt(head[0].split(" ")[1]);
    String contentType = null;
    boolean chunked = false;
    for (int i = 1; i < head.length; i++) {
      String line = head[i].toLowerCase(Locale.ROOT);
      if (line.startsWith("content-type:")) {
        contentType = head[i].substring("content-type:".length()).strip();
      } else if (line.startsWith("transfer-encoding:") && line.contains("chunked")) {
        chunked = true;
      }
    }
    byte[] body = java.util.Arrays.copyOfRange(answer, end + 4, answer.length);
    if (chunked) {
      body = unchunk(body);
    }
    return new ResponseChecks.Answer(status, contentType, new String(body, StandardCharsets.UTF_8));
  }

  private static byte[] unchunk(byte[] chunked) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    InputStream in = new java.io.ByteArrayInputStream(chunked);
    while (true) {
      String sizeLine = line(in);
      if (sizeLine.isEmpty()) {
        return out.toByteArray();
      }
      int size = Integer.parseInt(sizeLine.split(";")[0].strip(), 16);
      if (size == 0) {
        return out.toByteArray();
      }
      out.write(in.readNBytes(size));
      line(in);
    }
  }

  private static String line(InputStream in) throws IOException {
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
