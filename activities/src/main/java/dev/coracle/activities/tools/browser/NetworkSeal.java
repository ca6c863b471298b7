package dev.coracle.activities.tools.browser;

import dev.coracle.activities.browser.Chromium;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;

/**
 * Leaves chromium no network of its own. Every request a page makes goes through coracle's routes
 * ({@link PinnedRoutes}), but chromium also opens sockets that Playwright never routes: preconnects
 * and DNS prefetches, WebRTC's STUN and TURN (UDP and TCP), QUIC and WebTransport, and its own
 * background requests. Those are sent into a sink instead:
 *
 * <ul>
 *   <li>{@code --proxy-server} names this sink, a loopback listener that closes every connection
 *       unread, and {@code --proxy-bypass-list=<-loopback>} takes away the implicit exemption of
 *       loopback, so a preconnect to 127.0.0.1 also goes to the sink;
 *   <li>{@code --force-webrtc-ip-handling-policy} with {@code disable_non_proxied_udp} keeps WebRTC
 *       off UDP and sends its TCP through the proxy, that is into the sink;
 *   <li>{@code --disable-quic} keeps HTTP/3 and WebTransport (UDP, which no proxy carries) off;
 *   <li>{@code --host-resolver-rules=MAP * ~NOTFOUND} answers every DNS lookup chromium would make
 *       itself with "no such host", so a prefetch sends no query either.
 * </ul>
 *
 * Checked with real packets on Debian's chromium 150: with these flags a page's STUN, TURN,
 * WebTransport and preconnects reach none of the listeners they name (BrowserNetworkSealIT).
 */
final class NetworkSeal implements AutoCloseable {

  private final ServerSocket sink;

  NetworkSeal() {
    try {
      sink = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    } catch (IOException e) {
      throw new UncheckedIOException("could not open the browser's network sink", e);
    }
    Thread closer = new Thread(this::closeEveryConnection, "browser-network-sink");
    closer.setDaemon(true);
    closer.start();
  }

  /** The shared quiet flags plus the ones that seal chromium's own network. */
  List<String> chromiumArgs() {
    List<String> args = new ArrayList<>(Chromium.ARGS);
    args.add("--proxy-server=http://127.0.0.1:" + sink.getLocalPort());
    args.add("--proxy-bypass-list=<-loopback>");
    args.add("--force-webrtc-ip-handling-policy");
    args.add("--webrtc-ip-handling-policy=disable_non_proxied_udp");
    args.add("--disable-quic");
    args.add("--host-resolver-rules=MAP * ~NOTFOUND");
    return args;
  }

  private void closeEveryConnection() {
    while (!sink.isClosed()) {
      try (Socket connection = sink.accept()) {
        connection.setSoLinger(true, 0);
      } catch (IOException e) {
        // Closed by close(), or one connection failed: either way nothing is forwarded.
      }
    }
  }

  @Override
  public void close() {
    try {
      sink.close();
    } catch (IOException e) {
      // The sink carried nothing; a failed close leaks one listening socket until exit.
    }
  }
}
