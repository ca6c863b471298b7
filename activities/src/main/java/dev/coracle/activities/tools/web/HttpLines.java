package dev.coracle.activities.tools.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** Reads the CRLF-terminated lines of an HTTP/1.1 response head. */
final class HttpLines {

  /** A header line longer than this is an attack or a broken server, not a web page. */
  static final int MAX_LINE = 16 * 1024;

  private HttpLines() {}

  /** The next line without its line ending; null at the end of the stream. */
  static String readLine(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    int c;
    while ((c = in.read()) >= 0) {
      if (c == '\n') {
        break;
      }
      if (line.size() >= MAX_LINE) {
        throw new IOException("an HTTP header line is longer than " + MAX_LINE + " bytes");
      }
      line.write(c);
    }
    if (c < 0 && line.size() == 0) {
      return null;
    }
    String text = line.toString(StandardCharsets.ISO_8859_1);
    return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
  }
}
