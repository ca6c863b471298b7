package dev.coracle.activities.tools.web;

import dev.coracle.activities.config.CoracleConfig;
import dev.coracle.activities.config.LoadedConfig;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The ports coracle itself listens on: its HTTP API (which also serves the MCP endpoint) and the
 * embedded Temporal server, or the external Temporal cluster it uses. No tool reaches them,
 * whatever {@code tools.web.allow-hosts} says: a page that could call coracle's API could start
 * jobs in any workspace. On this machine they are refused on every address (loopback, the
 * unspecified address, the addresses of its network interfaces); an external Temporal cluster is
 * refused by its name and port as configured.
 */
@Singleton
public final class OwnPorts {

  private final Map<Integer, String> localPorts = new ConcurrentHashMap<>();
  private final Map<String, String> remoteEndpoints = new ConcurrentHashMap<>();

  /** None yet; {@link #add} names them. */
  public OwnPorts() {}

  /** The ports the configuration names; a port of 0 is added when it is bound. */
  @Inject
  public OwnPorts(LoadedConfig loaded) {
    CoracleConfig config = loaded.config();
    add(config.server().port(), "coracle's HTTP API and MCP endpoint (server.port)");
    CoracleConfig.TemporalConfig temporal = config.temporal();
    if (temporal.embedded()) {
      add(temporal.embeddedPort(), "coracle's embedded Temporal server (temporal.embedded-port)");
    } else {
      addTemporalTarget(temporal.target());
    }
  }

  /** Names a port coracle listens on; 0 (not bound yet) is ignored. */
  public OwnPorts add(int port, String what) {
    if (port > 0) {
      localPorts.put(port, what);
    }
    return this;
  }

  /**
   * Why a connection to this host, port and addresses would reach coracle itself; empty when it
   * would not.
   *
   * @param host the host as the URL names it (serialized by {@link UrlHost})
   */
  public Optional<String> refusal(String host, int port, InetAddress... addresses) {
    String remote = remoteEndpoints.get(key(host, port));
    if (remote != null) {
      return Optional.of(message(host, port, remote));
    }
    String local = localPorts.get(port);
    if (local == null) {
      return Optional.empty();
    }
    for (InetAddress address : addresses) {
      if (isThisMachine(address)) {
        return Optional.of(message(host, port, local));
      }
    }
    return Optional.empty();
  }

  /**
   * Loopback, unspecified (which reaches this machine too) or an address of one of its interfaces.
   */
  static boolean isThisMachine(InetAddress address) {
    InetAddress a =
        AddressRanges.embeddedIpv4(address).map(InetAddress.class::cast).orElse(address);
    byte[] bytes = a.getAddress();
    if (a.isLoopbackAddress() || a.isAnyLocalAddress() || (bytes.length == 4 && bytes[0] == 0)) {
      return true;
    }
    try {
      return NetworkInterface.getByInetAddress(a) != null;
    } catch (SocketException e) {
      // Not knowing the interfaces must not open coracle's ports.
      return true;
    }
  }

  private void addTemporalTarget(String target) {
    int colon = target.lastIndexOf(':');
    if (colon <= 0) {
      return;
    }
    int port;
    try {
      port = Integer.parseInt(target.substring(colon + 1));
    } catch (NumberFormatException e) {
      return;
    }
    String what = "the Temporal cluster coracle runs on (temporal.target)";
    add(port, what);
    try {
      remoteEndpoints.put(key(UrlHost.parse(target.substring(0, colon)).text(), port), what);
    } catch (IllegalArgumentException e) {
      // The validator rejects such a target before tools exist; the port is refused anyway.
    }
  }

  private static String key(String host, int port) {
    return HostAllowList.stripDot(host.toLowerCase(Locale.ROOT)) + ":" + port;
  }

  private static String message(String host, int port, String what) {
    String shown = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
    return "refused: "
        + shown
        + ":"
        + port
        + " is "
        + what
        + "; tools never reach coracle itself, whatever tools.web.allow-hosts says";
  }
}
