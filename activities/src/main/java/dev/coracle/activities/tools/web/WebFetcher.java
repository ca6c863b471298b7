package dev.coracle.activities.tools.web;

import dev.coracle.activities.tools.ToolException;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Downloads one text resource: redirects followed by hand so the guard vets every hop, the whole
 * call bounded in time, the body bounded in size.
 */
public final class WebFetcher {

  static final int MAX_REDIRECTS = 5;

  private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);

  private static final Set<String> TEXT_APPLICATION_TYPES =
      Set.of(
          "application/json",
          "application/xml",
          "application/javascript",
          "application/x-javascript",
          "application/ecmascript",
          "application/yaml",
          "application/x-yaml",
          "application/toml",
          "application/sql",
          "application/x-sh");

  private final SsrfGuard guard;
  private final Duration timeout;
  private final long maxBytes;

  public WebFetcher(SsrfGuard guard, Duration timeout, long maxBytes) {
    this.guard = guard;
    this.timeout = timeout;
    this.maxBytes = maxBytes;
  }

  /**
   * Fetches a URL.
   *
   * @throws ToolException when a hop is refused, the content is not text, there are too many
   *     redirects, the time runs out or the server cannot be reached
   */
  public FetchedPage fetch(URI start) {
    Deadline deadline = Deadline.in(timeout);
    URI uri = start;
    for (int redirects = 0; ; redirects++) {
      SsrfGuard.Target target = vet(uri, redirects);
      try (PinnedConnection connection =
          PinnedConnection.open(target, "GET", Map.of(), new byte[0], deadline)) {
        String location = connection.header("location");
        if (REDIRECTS.contains(connection.status()) && location != null) {
          if (redirects == MAX_REDIRECTS) {
            throw new ToolException(
                start + " redirects more than " + MAX_REDIRECTS + " times; gave up at " + uri);
          }
          uri = next(uri, location);
          continue;
        }
        String type = connection.header("content-type");
        if (!isText(type)) {
          throw new ToolException(
              uri + " is " + type + ", not text; web_fetch reads web pages and text files only");
        }
        PinnedConnection.Body body = connection.readBody(maxBytes);
        if (type == null && isBinary(body.bytes())) {
          throw new ToolException(uri + " is binary data, not text");
        }
        return new FetchedPage(
            start, uri, connection.status(), type, body.bytes(), body.truncated(), redirects);
      } catch (SocketTimeoutException e) {
        throw new ToolException(
            "gave up on "
                + uri
                + " after "
                + timeout.toSeconds()
                + " s (tools.web.timeout-seconds)");
      } catch (IOException e) {
        throw new ToolException("could not fetch " + uri + ": " + describe(e));
      }
    }
  }

  private SsrfGuard.Target vet(URI uri, int redirects) {
    if (redirects == 0) {
      return guard.vet(uri);
    }
    try {
      return guard.vet(uri);
    } catch (ToolException e) {
      throw new ToolException("redirect " + redirects + " to " + uri + ": " + e.getMessage());
    }
  }

  private static URI next(URI from, String location) {
    try {
      return from.resolve(location.strip());
    } catch (IllegalArgumentException e) {
      throw new ToolException(from + " redirects to a location that is not a URL: " + location);
    }
  }

  /** Text, HTML, JSON, XML and their kin; no type at all is judged by the bytes. */
  static boolean isText(String contentType) {
    if (contentType == null || contentType.isBlank()) {
      return true;
    }
    String type = contentType.split(";")[0].strip().toLowerCase(Locale.ROOT);
    return type.startsWith("text/")
        || type.endsWith("+xml")
        || type.endsWith("+json")
        || TEXT_APPLICATION_TYPES.contains(type);
  }

  private static boolean isBinary(byte[] body) {
    for (int i = 0; i < Math.min(body.length, 1024); i++) {
      if (body[i] == 0) {
        return true;
      }
    }
    return false;
  }

  private static String describe(IOException e) {
    String message = e.getMessage();
    return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
  }
}
