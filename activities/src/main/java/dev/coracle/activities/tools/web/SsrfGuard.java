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
 * tools.web.allow-hosts} names the host or the address.
 *
 * <p>Vetting returns the address it checked, and callers connect to that address only ({@link
 * PinnedConnection}), so a DNS answer that changes between the check and the connect (a rebind) is
 * never used.
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
   * @param host the host as the URL names it (for the Host header, SNI and the certificate check)
   */
  public record Target(URI uri, String host, int port, InetAddress address) {
    public boolean https() {
      return "https".equals(uri.getScheme());
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

  private static final String HINT = "; allow it with tools.web.allow-hosts";

  private final HostAllowList allowList;
  private final Resolver resolver;

  public SsrfGuard(List<String> allowHosts) {
    this(allowHosts, InetAddress::getAllByName);
  }

  public SsrfGuard(List<String> allowHosts, Resolver resolver) {
    this.allowList = new HostAllowList(allowHosts);
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
    if (uri.getHost() == null || uri.getHost().isBlank()) {
      throw new ToolException(uri + " has no host name");
    }
    String host = normalizeHost(uri.getHost());
    int port = uri.getPort() > 0 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
    boolean hostAllowed = allowList.allowsHost(host);
    if (!hostAllowed && isRefusedName(host)) {
      throw new ToolException("refused: " + host + " is a loopback / local name" + HINT);
    }
    InetAddress[] addresses = resolve(host);
    if (!hostAllowed) {
      for (InetAddress address : addresses) {
        refusal(host, address)
            .ifPresent(
                message -> {
                  throw new ToolException(message);
                });
      }
    }
    return new Target(uri.normalize(), host, port, addresses[0]);
  }

  /** Lower case, without IPv6 brackets or a trailing dot, as names are compared. */
  static String normalizeHost(String host) {
    String h = host.strip().toLowerCase(Locale.ROOT);
    if (h.startsWith("[") && h.endsWith("]")) {
      h = h.substring(1, h.length() - 1);
    }
    return h.endsWith(".") ? h.substring(0, h.length() - 1) : h;
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

  private Optional<String> refusal(String host, InetAddress address) {
    if (allowList.allowsAddress(address)) {
      return Optional.empty();
    }
    return AddressRanges.refusedClass(address)
        .map(
            kind -> {
              String ip = address.getHostAddress();
              String what = article(kind) + " " + kind + " address";
              if (!HostAllowList.isIpLiteral(host)) {
                return "refused: " + host + " resolves to " + ip + ", " + what + HINT;
              }
              String shown = ip.equals(host) ? host : host + " (" + ip + ")";
              return "refused: " + shown + " is " + what + HINT;
            });
  }

  private static String article(String kind) {
    return "aeiouAEIOU".indexOf(kind.charAt(0)) >= 0 ? "an" : "a";
  }
}
