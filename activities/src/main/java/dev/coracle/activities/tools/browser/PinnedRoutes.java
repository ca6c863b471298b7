package dev.coracle.activities.tools.browser;

import com.microsoft.playwright.Request;
import com.microsoft.playwright.Route;
import com.microsoft.playwright.WebSocketRoute;
import dev.coracle.activities.tools.ToolException;
import dev.coracle.activities.tools.web.Deadline;
import dev.coracle.activities.tools.web.PinnedConnection;
import dev.coracle.activities.tools.web.SsrfGuard;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every request the page makes, fetched by coracle instead of chromium: vetted by the SSRF guard
 * and sent to the address the guard checked ({@link PinnedConnection}).
 *
 * <p>Chromium never sees a redirect: Playwright does not route the next hop of one, even of a
 * response it was handed, so chromium would fetch that hop itself, unvetted. A redirect of the page
 * itself is handed to {@link PageCapture}, which navigates to the new location (a new, routed
 * request); a redirect of anything else is followed here, every hop vetted.
 */
final class PinnedRoutes {

  static final int MAX_REDIRECTS = 5;

  private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);

  /** Headers that describe the wire coracle read, not the decoded body it hands to chromium. */
  private static final Set<String> HOP_HEADERS =
      Set.of("content-length", "content-encoding", "transfer-encoding", "connection", "keep-alive");

  private record Reply(int status, Map<String, String> headers, byte[] body, String location) {}

  private final SsrfGuard guard;
  private final Deadline deadline;
  private final long maxBytes;
  private final List<String> blocked = new ArrayList<>();
  private URI pageRedirect;

  PinnedRoutes(SsrfGuard guard, Deadline deadline, long maxBytes) {
    this.guard = guard;
    this.deadline = deadline;
    this.maxBytes = maxBytes;
  }

  /** The refused requests, each as {@code url — reason}, in the order the page made them. */
  List<String> blocked() {
    return List.copyOf(blocked);
  }

  /** Where the page's own request was redirected, once; null when it was not. */
  URI takePageRedirect() {
    URI next = pageRedirect;
    pageRedirect = null;
    return next;
  }

  void handle(Route route) {
    Request request = route.request();
    URI uri = URI.create(request.url());
    String method = request.method();
    byte[] body = request.postDataBuffer() == null ? new byte[0] : request.postDataBuffer();
    boolean page = request.isNavigationRequest() && request.frame().parentFrame() == null;
    try {
      for (int hop = 0; ; hop++) {
        Reply reply = fetch(uri, method, request.allHeaders(), body);
        if (reply.location() == null) {
          route.fulfill(
              new Route.FulfillOptions()
                  .setStatus(reply.status())
                  .setHeaders(reply.headers())
                  .setBodyBytes(reply.body()));
          return;
        }
        URI next = uri.resolve(reply.location().strip());
        if (page) {
          pageRedirect = next;
          route.abort("aborted");
          return;
        }
        if (hop == MAX_REDIRECTS) {
          route.abort("toomanyredirects");
          return;
        }
        if (reply.status() != 307 && reply.status() != 308) {
          method = "GET";
          body = new byte[0];
        }
        uri = next;
      }
    } catch (ToolException | IllegalArgumentException refused) {
      blocked.add(uri + " — " + refused.getMessage());
      route.abort("blockedbyclient");
    } catch (SocketTimeoutException e) {
      route.abort("timedout");
    } catch (IOException e) {
      route.abort("failed");
    }
  }

  /**
   * WebSockets cannot be sent through a pinned connection, so none is opened: chromium would
   * resolve the host itself. A page that needs one still renders what it has.
   */
  void refuse(WebSocketRoute socket) {
    blocked.add(socket.url() + " — WebSockets are not opened by browser_open");
    socket.close();
  }

  /** One hop, vetted and pinned; a redirect comes back with its location, not followed. */
  private Reply fetch(URI uri, String method, Map<String, String> headers, byte[] body)
      throws IOException {
    SsrfGuard.Target target = guard.vet(uri);
    try (PinnedConnection connection =
        PinnedConnection.open(target, method, headers, body, deadline)) {
      String location = connection.header("location");
      if (REDIRECTS.contains(connection.status()) && location != null) {
        return new Reply(connection.status(), Map.of(), new byte[0], location);
      }
      byte[] bytes = connection.readBody(maxBytes).bytes();
      return new Reply(connection.status(), headers(connection), bytes, null);
    }
  }

  private static Map<String, String> headers(PinnedConnection connection) {
    Map<String, String> headers = new LinkedHashMap<>();
    connection
        .headers()
        .forEach(
            (name, values) -> {
              if (!HOP_HEADERS.contains(name)) {
                // Playwright takes one value a header; several cookies go one to a line.
                headers.put(name, String.join(name.equals("set-cookie") ? "\n" : ", ", values));
              }
            });
    return headers;
  }
}
