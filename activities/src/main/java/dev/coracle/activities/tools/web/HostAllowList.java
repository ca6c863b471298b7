package dev.coracle.activities.tools.web;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * The entries of {@code tools.web.allow-hosts}: host names ({@code docs.internal}), name suffixes
 * ({@code *.corp.example}), IP addresses ({@code 127.0.0.1}) and CIDR ranges ({@code 10.1.0.0/16}).
 */
final class HostAllowList {

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

  private final List<String> names = new ArrayList<>();
  private final List<String> suffixes = new ArrayList<>();
  private final List<Range> ranges = new ArrayList<>();

  HostAllowList(List<String> entries) {
    for (String raw : entries == null ? List.<String>of() : entries) {
      String entry = SsrfGuard.normalizeHost(raw);
      if (entry.isEmpty()) {
        continue;
      }
      if (entry.contains("/")) {
        ranges.add(range(entry));
      } else if (isIpLiteral(entry)) {
        InetAddress address = literal(entry, entry);
        ranges.add(new Range(address.getAddress(), address.getAddress().length * 8));
      } else if (entry.startsWith("*.")) {
        suffixes.add(entry.substring(1));
      } else {
        names.add(entry);
      }
    }
  }

  /** Whether a host name (already normalized) is allowed by name or suffix. */
  boolean allowsHost(String host) {
    return names.contains(host) || suffixes.stream().anyMatch(host::endsWith);
  }

  /** Whether an address, or the IPv4 address inside a mapped one, is in an allowed range. */
  boolean allowsAddress(InetAddress address) {
    InetAddress inner = AddressRanges.embeddedIpv4(address).map(a -> (InetAddress) a).orElse(null);
    return ranges.stream()
        .anyMatch(r -> r.contains(address) || (inner != null && r.contains(inner)));
  }

  static boolean isIpLiteral(String host) {
    return host.contains(":") || host.matches("[0-9.]+");
  }

  private static Range range(String entry) {
    int slash = entry.indexOf('/');
    InetAddress network = literal(entry.substring(0, slash), entry);
    int bits = network.getAddress().length * 8;
    int prefix;
    try {
      prefix = Integer.parseInt(entry.substring(slash + 1));
    } catch (NumberFormatException e) {
      prefix = -1;
    }
    if (prefix < 0 || prefix > bits) {
      throw invalid(entry);
    }
    return new Range(network.getAddress(), prefix);
  }

  /** Parses an IP literal without ever asking DNS: a name here is a typo in the config. */
  private static InetAddress literal(String text, String entry) {
    if (!isIpLiteral(text)) {
      throw invalid(entry);
    }
    try {
      return InetAddress.getByName(text);
    } catch (UnknownHostException e) {
      throw invalid(entry);
    }
  }

  private static IllegalArgumentException invalid(String entry) {
    return new IllegalArgumentException(
        "tools.web.allow-hosts: '"
            + entry
            + "' is not a host name, *.suffix, IP address or CIDR range");
  }
}
