package dev.coracle.activities.tools.web;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The entries of {@code tools.web.allow-hosts}, each a host and a port: a host name ({@code
 * docs.internal:8080}), a name suffix ({@code *.corp.example:8443}), an IP address ({@code
 * 127.0.0.1:8000}, {@code [fd00::5]:8080}) or a CIDR range ({@code 10.1.0.0/16:80}). An entry
 * without a port allows the web's own ports, 80 and 443, only: allowing a host must not open every
 * service on it (a database, a development server, coracle itself).
 */
final class HostAllowList {

  /** The ports an entry without one allows. */
  static final Set<Integer> WEB_PORTS = Set.of(80, 443);

  private record Range(byte[] network, int prefix) {
    boolean contains(InetAddress address) {
      byte[] a = address.getAddress();
      if (a.length != network.length) {
        return false;
      }
      for (int bit = 0; bit < prefix; bit++) {
        int mask = 0x80 >> (bit % 8);
        if ((a[bit / 8] & mask) != (network[bit / 8] & mask)) {
          return false;
        }
      }
      return true;
    }
  }

  /**
   * One entry: exactly one of name, suffix (with its leading dot) and range is set.
   *
   * @param port the one port allowed; 0 for the web ports
   */
  private record Entry(String text, String name, String suffix, Range range, int port) {
    boolean allowsPort(int p) {
      return port == 0 ? WEB_PORTS.contains(p) : port == p;
    }

    boolean matchesHost(String host) {
      return (name != null && name.equals(host)) || (suffix != null && host.endsWith(suffix));
    }

    boolean matchesAddress(InetAddress address) {
      if (range == null) {
        return false;
      }
      InetAddress inner = AddressRanges.embeddedIpv4(address).orElse(null);
      return range.contains(address) || (inner != null && range.contains(inner));
    }
  }

  private final List<Entry> entries = new ArrayList<>();

  HostAllowList(List<String> entries) {
    for (String raw : entries == null ? List.<String>of() : entries) {
      String entry = raw == null ? "" : raw.strip();
      if (!entry.isEmpty()) {
        this.entries.add(entry(entry));
      }
    }
  }

  /** Whether a host name (as {@link UrlHost} serializes it) is allowed on a port. */
  boolean allowsHost(String host, int port) {
    return entries.stream().anyMatch(e -> e.matchesHost(host) && e.allowsPort(port));
  }

  /** Whether an address, or the IPv4 address inside a mapped one, is allowed on a port. */
  boolean allowsAddress(InetAddress address, int port) {
    return entries.stream().anyMatch(e -> e.matchesAddress(address) && e.allowsPort(port));
  }

  /**
   * The entry that names this host or address for other ports, described for a refusal: a config
   * written before entries had ports allowed every port, and its user needs to know why.
   */
  Optional<String> otherPortsEntry(String host, InetAddress address) {
    return entries.stream()
        .filter(e -> e.matchesHost(host) || e.matchesAddress(address))
        .findFirst()
        .map(
            e ->
                "tools.web.allow-hosts has \""
                    + e.text()
                    + (e.port() == 0
                        ? "\", which allows ports 80 and 443 only"
                        : "\", another port"));
  }

  private static Entry entry(String text) {
    HostPort split = split(text);
    String host = split.host();
    if (host.startsWith("*.")) {
      UrlHost parsed = parse(host.substring(2), text);
      if (parsed.isIp()) {
        throw invalid(text);
      }
      return new Entry(text, null, "." + stripDot(parsed.text()), null, split.port());
    }
    int slash = host.indexOf('/');
    if (slash >= 0) {
      return new Entry(text, null, null, range(host, slash, text), split.port());
    }
    UrlHost parsed = parse(host, text);
    if (parsed.isIp()) {
      byte[] bytes = parsed.address().getAddress();
      return new Entry(text, null, null, new Range(bytes, bytes.length * 8), split.port());
    }
    return new Entry(text, stripDot(parsed.text()), null, null, split.port());
  }

  private record HostPort(String host, int port) {}

  /**
   * Splits {@code host:port}. IPv6 takes brackets when it has a port ({@code [fd00::5]:8080}); a
   * bare IPv6 address or range ({@code fd00::5}, {@code fd00::/8}) has more than one colon and no
   * port, as entries were written before they had ports.
   */
  private static HostPort split(String text) {
    if (text.startsWith("[")) {
      int close = text.indexOf(']');
      if (close < 0) {
        throw invalid(text);
      }
      String rest = text.substring(close + 1);
      if (!rest.isEmpty() && !rest.startsWith(":")) {
        throw invalid(text);
      }
      return new HostPort(
          text.substring(1, close), rest.isEmpty() ? 0 : port(rest.substring(1), text));
    }
    int colon = text.indexOf(':');
    if (colon < 0 || text.indexOf(':', colon + 1) >= 0) {
      return new HostPort(text, 0);
    }
    return new HostPort(text.substring(0, colon), port(text.substring(colon + 1), text));
  }

  private static int port(String digits, String entry) {
    if (!digits.matches("[0-9]{1,5}")) {
      throw invalid(entry);
    }
    int port = Integer.parseInt(digits);
    if (port < 1 || port > 65535) {
      throw invalid(entry);
    }
    return port;
  }

  private static Range range(String host, int slash, String entry) {
    InetAddress network = literal(host.substring(0, slash), entry);
    int bits = network.getAddress().length * 8;
    String prefixText = host.substring(slash + 1);
    if (!prefixText.matches("[0-9]{1,3}") || Integer.parseInt(prefixText) > bits) {
      throw invalid(entry);
    }
    return new Range(network.getAddress(), Integer.parseInt(prefixText));
  }

  /** An IP literal, never a name: DNS is not asked about the config. */
  private static InetAddress literal(String text, String entry) {
    String host = text.indexOf(':') >= 0 && !text.startsWith("[") ? "[" + text + "]" : text;
    UrlHost parsed = parse(host, entry);
    if (!parsed.isIp()) {
      throw invalid(entry);
    }
    return parsed.address();
  }

  private static UrlHost parse(String host, String entry) {
    String bracketed = host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host;
    try {
      return UrlHost.parse(bracketed);
    } catch (IllegalArgumentException e) {
      throw invalid(entry);
    }
  }

  static String stripDot(String host) {
    return host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
  }

  private static IllegalArgumentException invalid(String entry) {
    return new IllegalArgumentException(
        "tools.web.allow-hosts: '"
            + entry
            + "' is not host:port, *.suffix:port, IP:port ([IPv6]:port) or CIDR-range:port"
            + " (without a port, ports 80 and 443)");
  }
}
