package dev.coracle.activities.tools.web;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.function.UnaryOperator;
import java.util.zip.GZIPInputStream;
import java.util.zip.InflaterInputStream;

/** The body of an HTTP/1.1 response, as its framing and content encoding say to read it. */
final class ResponseBodies {

  private ResponseBodies() {}

  /**
   * The decoded body after the head was read from {@code in}.
   *
   * @param header a header's first value by lower-case name, null when absent
   */
  static InputStream open(InputStream in, UnaryOperator<String> header) throws IOException {
    return decoded(framed(in, header), header.apply("content-encoding"));
  }

  /** Chunked, a length, or up to the close (which {@code Connection: close} promises). */
  private static InputStream framed(InputStream in, UnaryOperator<String> header) {
    String transfer = header.apply("transfer-encoding");
    if (transfer != null && transfer.toLowerCase(Locale.ROOT).contains("chunked")) {
      return new ChunkedInputStream(in);
    }
    String length = header.apply("content-length");
    if (length != null) {
      try {
        return new Limited(in, Long.parseLong(length.strip()));
      } catch (NumberFormatException e) {
        // A broken Content-Length: read to the close instead.
      }
    }
    return in;
  }

  private static InputStream decoded(InputStream body, String encoding) throws IOException {
    if (encoding == null || encoding.isBlank() || encoding.equalsIgnoreCase("identity")) {
      return body;
    }
    return switch (encoding.strip().toLowerCase(Locale.ROOT)) {
      case "gzip", "x-gzip" -> new GZIPInputStream(body);
      case "deflate" -> new InflaterInputStream(body);
      default ->
          throw new IOException(
              "the response is encoded as " + encoding + ", which coracle cannot decode");
    };
  }

  /** The first {@code left} bytes of a stream. */
  private static final class Limited extends FilterInputStream {
    private long left;

    Limited(InputStream in, long length) {
      super(in);
      this.left = length;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (left <= 0) {
        return -1;
      }
      int n = super.read(b, off, (int) Math.min(len, left));
      if (n > 0) {
        left -= n;
      }
      return n;
    }
  }
}
