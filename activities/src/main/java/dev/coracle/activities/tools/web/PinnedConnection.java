package dev.coracle.activities.tools.web;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * One HTTP/1.1 exchange over a socket connected to the address {@link SsrfGuard} vetted, never to a
 * fresh DNS answer: that is what makes the guard hold against DNS rebinding. {@code java.net.http}
 * and {@code HttpURLConnection} both resolve the host themselves (and the latter drops a Host
 * header set by hand), so coracle speaks the little HTTP it needs here. For https the TLS session
 * still names the host (SNI) and the certificate is checked against it, as a browser would.
 */
public final class PinnedConnection implements Closeable {

  /** The body of a response: decoded, and cut at the size bound when it was longer. */
  public record Body(byte[] bytes, boolean truncated) {}

  private static final int MAX_HEADERS = 200;
  private static final String USER_AGENT = "Mozilla/5.0 (compatible; coracle web tools)";

  /** Headers the connection sets itself; a caller's copies are dropped. */
  private static final Set<String> OWN_HEADERS =
      Set.of(
          "host",
          "connection",
          "keep-alive",
          "content-length",
          "transfer-encoding",
          "accept-encoding",
          "proxy-connection",
          "upgrade",
          "te");

  private final Socket socket;
  private final InputStream in;
  private final String method;
  private final int status;
  private final Map<String, List<String>> headers;

  private PinnedConnection(
      Socket socket, InputStream in, String method, int status, Map<String, List<String>> headers) {
    this.socket = socket;
    this.in = in;
    this.method = method;
    this.status = status;
    this.headers = headers;
  }

  /**
   * Connects to the target's vetted address, sends the request and reads the response head.
   *
   * @param headers request headers (the browser's, for browser_open); may be empty
   * @param body the request body; empty for none
   */
  public static PinnedConnection open(
      SsrfGuard.Target target,
      String method,
      Map<String, String> headers,
      byte[] body,
      Deadline deadline)
      throws IOException {
    Socket socket = new Socket();
    try {
      socket.connect(
          new InetSocketAddress(target.address(), target.port()), deadline.remainingMillis());
      if (target.https()) {
        socket = tls(socket, target);
      }
      InputStream in =
          new BufferedInputStream(
              new DeadlineInputStream(socket, socket.getInputStream(), deadline));
      socket.setSoTimeout(deadline.remainingMillis());
      send(socket.getOutputStream(), target, method, headers, body);
      return readHead(socket, in, method);
    } catch (IOException | RuntimeException e) {
      socket.close();
      throw e;
    }
  }

  public int status() {
    return status;
  }

  /** The first value of a header, by name in any case; null when absent. */
  public String header(String name) {
    List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  /** Every header, names in lower case, values in the order sent. */
  public Map<String, List<String>> headers() {
    return headers;
  }

  /** Reads the body, decoded, up to {@code maxBytes}; past that it stops reading. */
  public Body readBody(long maxBytes) throws IOException {
    if (method.equals("HEAD") || status == 204 || status == 304) {
      return new Body(new byte[0], false);
    }
    InputStream body = ResponseBodies.open(in, this::header);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buffer = new byte[8192];
    int n;
    while ((n = body.read(buffer)) >= 0) {
      long room = maxBytes - out.size();
      if (n > room) {
        out.write(buffer, 0, (int) room);
        return new Body(out.toByteArray(), true);
      }
      out.write(buffer, 0, n);
    }
    return new Body(out.toByteArray(), false);
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }

  private static Socket tls(Socket plain, SsrfGuard.Target target) throws IOException {
    SSLSocketFactory factory = (SSLSocketFactory) SSLSocketFactory.getDefault();
    SSLSocket tls = (SSLSocket) factory.createSocket(plain, target.host(), target.port(), true);
    SSLParameters parameters = tls.getSSLParameters();
    // Check the certificate against the URL's host name, not the address connected to.
    parameters.setEndpointIdentificationAlgorithm("HTTPS");
    if (!target.ipHost()) {
      parameters.setServerNames(List.of(new SNIHostName(target.host())));
    }
    tls.setSSLParameters(parameters);
    return tls;
  }

  private static void send(
      OutputStream raw,
      SsrfGuard.Target target,
      String method,
      Map<String, String> headers,
      byte[] body)
      throws IOException {
    URI ascii = URI.create(target.uri().toASCIIString());
    String path =
        ascii.getRawPath() == null || ascii.getRawPath().isEmpty() ? "/" : ascii.getRawPath();
    String query = ascii.getRawQuery() == null ? "" : "?" + ascii.getRawQuery();
    StringBuilder head = new StringBuilder();
    head.append(method).append(' ').append(path).append(query).append(" HTTP/1.1\r\n");
    head.append("Host: ").append(hostHeader(target)).append("\r\n");
    Map<String, String> own = new LinkedHashMap<>();
    own.put("user-agent", USER_AGENT);
    own.put("accept", "text/html,application/xhtml+xml,text/plain;q=0.9,*/*;q=0.5");
    headers.forEach(
        (name, value) -> {
          String key = name.toLowerCase(Locale.ROOT);
          if (!OWN_HEADERS.contains(key) && !key.startsWith(":") && value.indexOf('\n') < 0) {
            own.put(key, value);
          }
        });
    own.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
    head.append("Accept-Encoding: gzip, deflate\r\nConnection: close\r\n");
    if (body.length > 0 || !method.equals("GET") && !method.equals("HEAD")) {
      head.append("Content-Length: ").append(body.length).append("\r\n");
    }
    head.append("\r\n");
    OutputStream out = new BufferedOutputStream(raw);
    out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
    out.write(body);
    out.flush();
  }

  private static String hostHeader(SsrfGuard.Target target) {
    String host = target.host().contains(":") ? "[" + target.host() + "]" : target.host();
    int standard = target.https() ? 443 : 80;
    return target.port() == standard ? host : host + ":" + target.port();
  }

  private static PinnedConnection readHead(Socket socket, InputStream in, String method)
      throws IOException {
    while (true) {
      String statusLine = HttpLines.readLine(in);
      if (statusLine == null || !statusLine.startsWith("HTTP/")) {
        throw new IOException(
            "not an HTTP response: " + (statusLine == null ? "(nothing)" : statusLine));
      }
      String[] parts = statusLine.split(" ", 3);
      int status;
      try {
        status = Integer.parseInt(parts[1].strip());
      } catch (RuntimeException e) {
        throw new IOException("bad HTTP status line: " + statusLine);
      }
      Map<String, List<String>> headers = readHeaders(in);
      // An interim 100 Continue or 103 Early Hints comes before the real response.
      if (status >= 200 || status == 101) {
        return new PinnedConnection(socket, in, method, status, headers);
      }
    }
  }

  private static Map<String, List<String>> readHeaders(InputStream in) throws IOException {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    String line;
    int count = 0;
    while ((line = HttpLines.readLine(in)) != null && !line.isEmpty()) {
      if (++count > MAX_HEADERS) {
        throw new IOException("the response has more than " + MAX_HEADERS + " headers");
      }
      int colon = line.indexOf(':');
      if (colon > 0) {
        String name = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
        headers
            .computeIfAbsent(name, k -> new ArrayList<>())
            .add(line.substring(colon + 1).strip());
      }
    }
    return headers;
  }
}
