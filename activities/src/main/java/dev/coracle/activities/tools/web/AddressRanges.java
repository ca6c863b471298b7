package dev.coracle.activities.tools.web;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Optional;

/**
 * Which addresses a tool must not reach on its own: everything that is not the public internet.
 * Answers with the name of the address class, so a refusal tells the user what was hit.
 */
final class AddressRanges {

  private AddressRanges() {}

  /** The class of a non-public address, e.g. {@code "loopback"}; empty for a public one. */
  static Optional<String> refusedClass(InetAddress address) {
    Optional<Inet4Address> embedded = embeddedIpv4(address);
    if (embedded.isPresent()) {
      // ::ffff:127.0.0.1 reaches 127.0.0.1; judge the IPv4 address it carries.
      return ipv4Class(embedded.get().getAddress()).map(c -> "IPv4-mapped " + c);
    }
    return address instanceof Inet4Address
        ? ipv4Class(address.getAddress())
        : ipv6Class(address.getAddress());
  }

  private static Optional<String> ipv4Class(byte[] a) {
    int b0 = a[0] & 0xff;
    int b1 = a[1] & 0xff;
    int b2 = a[2] & 0xff;
    int b3 = a[3] & 0xff;
    String kind = null;
    if (b0 == 0 && b1 == 0 && b2 == 0 && b3 == 0) {
      kind = "unspecified";
    } else if (b0 == 0) {
      kind = "\"this network\" (0.0.0.0/8)";
    } else if (b0 == 127) {
      kind = "loopback";
    } else if (b0 == 10 || (b0 == 172 && (b1 & 0xf0) == 16) || (b0 == 192 && b1 == 168)) {
      kind = "private";
    } else if (b0 == 169 && b1 == 254) {
      kind = b2 == 169 && b3 == 254 ? "link-local / cloud metadata" : "link-local";
    } else if (b0 == 100 && (b1 & 0xc0) == 64) {
      kind = "carrier-grade NAT (100.64.0.0/10)";
    } else if (b0 >= 224 && b0 <= 239) {
      kind = "multicast";
    } else if (b0 >= 240) {
      kind = b0 == 255 && b1 == 255 && b2 == 255 && b3 == 255 ? "broadcast" : "reserved";
    } else if ((b0 == 192 && b1 == 0 && b2 == 0) || (b0 == 198 && (b1 & 0xfe) == 18)) {
      kind = "reserved";
    }
    return Optional.ofNullable(kind);
  }

  private static Optional<String> ipv6Class(byte[] a) {
    int b0 = a[0] & 0xff;
    int b1 = a[1] & 0xff;
    String kind = null;
    if (isZero(a, 0, 16)) {
      kind = "unspecified";
    } else if (isZero(a, 0, 15) && a[15] == 1) {
      kind = "loopback";
    } else if (b0 == 0xfe && (b1 & 0xc0) == 0x80) {
      kind = "link-local";
    } else if (b0 == 0xfe && (b1 & 0xc0) == 0xc0) {
      kind = "site-local";
    } else if ((b0 & 0xfe) == 0xfc) {
      kind = "private (unique local)";
    } else if (b0 == 0xff) {
      kind = "multicast";
    }
    return Optional.ofNullable(kind);
  }

  /**
   * The IPv4 address inside an IPv4-mapped ({@code ::ffff:a.b.c.d}), IPv4-compatible ({@code
   * ::a.b.c.d}) or NAT64 ({@code 64:ff9b::a.b.c.d}) IPv6 address. Java already turns most mapped
   * addresses into IPv4 ones; this catches the forms it leaves alone.
   */
  static Optional<Inet4Address> embeddedIpv4(InetAddress address) {
    byte[] a = address.getAddress();
    if (a.length != 16) {
      return Optional.empty();
    }
    boolean mapped = isZero(a, 0, 10) && (a[10] & 0xff) == 0xff && (a[11] & 0xff) == 0xff;
    boolean compatible = isZero(a, 0, 12) && !isZero(a, 12, 15);
    boolean nat64 =
        (a[0] & 0xff) == 0x00
            && (a[1] & 0xff) == 0x64
            && (a[2] & 0xff) == 0xff
            && (a[3] & 0xff) == 0x9b
            && isZero(a, 4, 12);
    if (!mapped && !compatible && !nat64) {
      return Optional.empty();
    }
    try {
      return Optional.of((Inet4Address) InetAddress.getByAddress(Arrays.copyOfRange(a, 12, 16)));
    } catch (UnknownHostException e) {
      throw new IllegalStateException("four bytes are always an IPv4 address", e);
    }
  }

  private static boolean isZero(byte[] a, int from, int to) {
    for (int i = from; i < to; i++) {
      if (a[i] != 0) {
        return false;
      }
    }
    return true;
  }
}
