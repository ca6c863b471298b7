package dev.coracle.activities.tools.web;

import java.io.IOException;
import java.io.InputStream;

/** The body of an HTTP/1.1 response sent with {@code Transfer-Encoding: chunked}, de-chunked. */
final class ChunkedInputStream extends InputStream {

  private final InputStream in;
  private long left;
  private boolean done;

  ChunkedInputStream(InputStream in) {
    this.in = in;
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (done) {
      return -1;
    }
    if (left == 0) {
      left = nextChunkSize();
      if (left == 0) {
        // The trailer section is not needed; the connection is closed after the body anyway.
        done = true;
        return -1;
      }
    }
    int n = in.read(b, off, (int) Math.min(len, left));
    if (n < 0) {
      throw new IOException("the response ended inside a chunk");
    }
    left -= n;
    if (left == 0) {
      HttpLines.readLine(in);
    }
    return n;
  }

  private long nextChunkSize() throws IOException {
    String line = HttpLines.readLine(in);
    if (line == null) {
      throw new IOException("the response ended before its last chunk");
    }
    int semicolon = line.indexOf(';');
    String size = (semicolon < 0 ? line : line.substring(0, semicolon)).strip();
    try {
      long value = Long.parseLong(size, 16);
      if (value < 0) {
        throw new NumberFormatException(size);
      }
      return value;
    } catch (NumberFormatException e) {
      throw new IOException("bad chunk size '" + size + "'");
    }
  }
}
