package dev.coracle.activities.browser;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.coracle.activities.config.CoracleConfig.BrowserConfig;
import dev.coracle.activities.config.CoracleConfig.BrowserSite;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * A chat web UI on loopback: {@code browser/chat.html} (see its comment for the modes), plus the
 * endpoints it reports to. Every report is kept in arrival order, so a test can assert what the
 * page received and in which order.
 */
public final class FakeChatSite implements AutoCloseable {

  /** One report from the page: {@code visit}, {@code prompt} or {@code done}, with its body. */
  public record Event(String kind, String body) {}

  private final HttpServer server;
  private final byte[] page;
  private final List<Event> events = new CopyOnWriteArrayList<>();
  private final List<String> cookies = new CopyOnWriteArrayList<>();

  public FakeChatSite() {
    try (InputStream in = FakeChatSite.class.getResourceAsStream("/browser/chat.html")) {
      page = in.readAllBytes();
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.setExecutor(
        Executors.newCachedThreadPool(
            task -> {
              Thread thread = new Thread(task, "fake-chat-site");
              thread.setDaemon(true);
              return thread;
            }));
    server.createContext("/", this::handle);
    server.start();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      if ("GET".equals(exchange.getRequestMethod()) && "/chat".equals(path)) {
        String cookie = exchange.getRequestHeaders().getFirst("Cookie");
        cookies.add(cookie == null ? "" : cookie);
        exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
        reply(exchange, 200, page);
      } else if ("POST".equals(exchange.getRequestMethod())) {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        events.add(new Event(path.substring(1), body));
        reply(exchange, 204, null);
      } else {
        reply(exchange, 404, null);
      }
    }
  }

  private static void reply(HttpExchange exchange, int status, byte[] body) throws IOException {
    exchange.sendResponseHeaders(status, body == null ? -1 : body.length);
    if (body != null) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }

  public String url(String mode) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/chat?mode=" + mode;
  }

  /** A site named after the mode, with selectors for the fake page. */
  public BrowserSite site(String mode) {
    return new BrowserSite(
        mode,
        true,
        url(mode),
        "#prompt",
        "#send",
        "div.answer",
        "button.copy",
        "text=/usage limit/i",
        "text=/sign in|log in/i");
  }

  BrowserConfig config(int timeoutSeconds, String... modes) {
    List<BrowserSite> sites = new ArrayList<>();
    for (String mode : modes) {
      sites.add(site(mode));
    }
    return new BrowserConfig(true, "/usr/bin/chromium", timeoutSeconds, sites);
  }

  public List<Event> events() {
    return List.copyOf(events);
  }

  public List<Event> events(String kind) {
    return events.stream().filter(e -> e.kind().equals(kind)).toList();
  }

  /** The Cookie header of every page load, "" when there was none. */
  List<String> cookies() {
    return List.copyOf(cookies);
  }

  void clear() {
    events.clear();
    cookies.clear();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
