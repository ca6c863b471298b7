package dev.coracle.activities.tools.web;

import dev.coracle.activities.tools.ToolException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Keeps the web tools off the machine's own services and its network: a URL is vetted after DNS,
 * and refused when any address its host resolves to is loopback, private, link-local (the cloud
 * metadata service), unspecified, multicast, CGNAT or reserved, unless {@code
 * tools.web.allow-hosts} names the host or the address with the URL's port. coracle's own ports
 * ({@link OwnPorts}) are refused whatever the allow-list says.
 *
 * <p>The host is read the way a browser reads it ({@link UrlHost}), so {@code 0177.0.0.1} is
 * 127.0.0.1 here as it is in chromium. Vetting returns the address it checked, and callers connect
 * to that address only ({@link PinnedConnection}), so a DNS answer that changes between the check
 * and the connect (a rebind) is never used.
 */
public final class SsrfGuard {

  /** Looks a host up; a test swaps in its own answers. */
  @FunctionalInterface
  public interface Resolver {
    InetAddress[] resolve(String host) throws UnknownHostException;
  }

  /**
   * A URL that passed the guard and the one address to connect to.
   *
   * @param host the host as a browser reads the URL's (for the Host header, SNI and the certificate
   *     check): a lower-case ASCII name, dotted IPv4, or IPv6 without brackets
   */
  public record Target(URI uri, String host, int port, InetAddress address) {
    public boolean https() {
      return "https".equals(uri.getScheme());
    }

    /** Whether the URL names an IP address rather than a host name (no SNI then). */
    public boolean ipHost() {
      return host.indexOf(':') >= 0 || host.matches("[0-9.]+");
    }
  }

  /** Names that mean this machine or the cloud's metadata service whatever DNS says. */
  private static final Set<String> REFUSED_NAMES =
      Set.of(
          "localhost",
          "localhost.localdomain",
          "ip6-localhost",
          "ip6-loopback",
          "metadata",
          "metadata.google.internal");

  private final HostAllowList allowList;
  private final OwnPorts ownPorts;
  private final Resolver resolver;

  public SsrfGuard(List<String> allowHosts, OwnPorts ownPorts) {
    this(allowHosts, ownPorts, InetAddress::getAllByName);
  }

  public SsrfGuard(List<String> allowHosts, OwnPorts ownPorts, Resolver resolver) {
    this.allowList = new HostAllowList(allowHosts);
    this.ownPorts = ownPorts;
    this.resolver = resolver;
  }

  /**
   * Checks a URL and picks the address to connect to.
   *
   * @throws ToolException naming the address class when the URL is refused, or when it is not an
   *     http(s) URL or its host does not resolve
   */
  public Target vet(URI uri) {
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw new ToolException(
          "only http and https URLs can be fetched, not "
              + (scheme.isEmpty() ? uri : scheme + ":"));
    }
    UrlAuthority authority = authority(uri, scheme);
    UrlHost parsed = authority.host();
    String host = HostAllowList.stripDot(parsed.text());
    int port = authority.port();
    boolean hostAllowed = !parsed.isIp() && allowList.allowsHost(host, port);
    if (!hostAllowed && !parsed.isIp() && isRefusedName(host)) {
      throw new ToolException(
          "refused: " + host + " is a loopback / local name" + hint(host, port, null));
    }
    InetAddress[] addresses = parsed.isIp() ? new InetAddress[] {parsed.address()} : resolve(host);
    Optional<String> own = ownPorts.refusal(host, port, addresses);
    if (own.isPresent()) {
      throw new ToolException(own.get());
    }
    if (!hostAllowed) {
      for (InetAddress address : addresses) {
        Optional<String> refused = refusal(host, port, parsed.isIp(), address);
        if (refused.isPresent()) {
          throw new ToolException(refused.get());
        }
      }
    }
    return new Target(uri.normalize(), host, port, addresses[0]);
  }

  private static UrlAuthority authority(URI uri, String scheme) {
    try {
      return UrlAuthority.of(uri, scheme.equals("https") ? 443 : 80);
    } catch (IllegalArgumentException e) {
      throw new ToolException(uri + " cannot be fetched: " + e.getMessage());
    }
  }

  private static boolean isRefusedName(String host) {
    return REFUSED_NAMES.contains(host) || host.endsWith(".localhost");
  }

  private InetAddress[] resolve(String host) {
    try {
      InetAddress[] addresses = resolver.resolve(host);
      if (addresses == null || addresses.length == 0) {
        throw new UnknownHostException(host);
      }
      return addresses;
    } catch (UnknownHostException e) {
      throw new ToolException("cannot resolve " + host + ": no such host");
    }
  }

  private Optional<String> refusal(String host, int port, boolean ipHost, InetAddress address) {
    if (allowList.allowsAddress(address, port)) {
      return Optional.empty();
    }
    return AddressRanges.refusedClass(address)
        .map(
            kind -> {
              String ip = UrlHost.serialize(address);
              String what = article(kind) + " " + kind + " address";
              String hint = hint(host, port, address);
              if (!ipHost) {
                return "refused: " + host + " resolves to " + ip + ", " + what + hint;
              }
              String shown = ip.equals(host) ? host : host + " (" + ip + ")";
              return "refused: " + shown + " is " + what + hint;
            });
  }

  /**
   * How to allow it: the entry to add, and the entry that was meant to allow it when that one lacks
   * this port (an entry without a port allows only 80 and 443).
   */
  private String hint(String host, int port, InetAddress address) {
    String entry = (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    String hint = "; allow it with tools.web.allow-hosts: \"" + entry + "\"";
    return allowList
        .otherPortsEntry(host, address)
        .map(other -> hint + " (" + other + ")")
        .orElse(hint);
  }

  private static String article(String kind) {
    return "aeiouAEIOU".indexOf(kind.charAt(0)) >= 0 ? "an" : "a";
  }
}
