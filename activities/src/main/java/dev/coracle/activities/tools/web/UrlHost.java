package dev.coracle.activities.tools.web;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.net.IDN;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The host of an http(s) URL read the way a browser reads it (the WHATWG URL standard's host
 * parser), so the guard judges the address chromium would connect to. Java reads {@code 0177.0.0.1}
 * as 177.0.0.1 and refuses {@code 0x7f.1}; a browser reads both as 127.0.0.1. Here IPv4 hosts may
 * be written in decimal, octal ({@code 0177}) or hex ({@code 0x7f}) in one to four parts with an
 * optional trailing dot, IPv6 hosts are parsed by the standard's own algorithm (no zone ids), and
 * names are percent-decoded and turned to ASCII (IDNA) before either is decided.
 *
 * @param text the host as serialized by the standard: dotted-decimal IPv4, compressed IPv6 without
 *     brackets, or a lower-case ASCII name
 * @param address the address of an IP host; null for a name
 */
public record UrlHost(String text, InetAddress address) {

  /** Code points that may never be part of a name (the standard's forbidden domain code points). */
  private static final String FORBIDDEN = "\u0000\t\n\r #/:<>?@[\\]^|%\u007f";

  public boolean isIp() {
    return address != null;
  }

  /** The host as it goes in a Host header or a URL: IPv6 in brackets. */
  public String urlForm() {
    return text.indexOf(':') >= 0 ? "[" + text + "]" : text;
  }

  /**
   * Parses the host part of an http(s) URL (no port, no user info).
   *
   * @throws IllegalArgumentException saying why a browser would not accept it either
   */
  public static UrlHost parse(String input) {
    if (input.startsWith("[")) {
      if (!input.endsWith("]")) {
        throw new IllegalArgumentException("'" + input + "' is an IPv6 address without its ]");
      }
      byte[] bytes = Ipv6.parse(input.substring(1, input.length() - 1));
      return new UrlHost(Ipv6.serialize(bytes), address(bytes));
    }
    String domain = percentDecode(input);
    String ascii;
    try {
      ascii = IDN.toASCII(domain, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("'" + input + "' is not a valid host name");
    }
    if (ascii.isEmpty()) {
      throw new IllegalArgumentException("the URL has no host name");
    }
    for (int i = 0; i < ascii.length(); i++) {
      char c = ascii.charAt(i);
      if (c < 0x20 || FORBIDDEN.indexOf(c) >= 0) {
        throw new IllegalArgumentException("'" + input + "' is not a valid host name");
      }
    }
    if (endsInANumber(ascii)) {
      byte[] bytes = ipv4(ascii, input);
      return new UrlHost(address(bytes).getHostAddress(), address(bytes));
    }
    return new UrlHost(ascii, null);
  }

  /** The standard's serialization of an address: dotted IPv4, compressed IPv6. */
  public static String serialize(InetAddress address) {
    byte[] bytes = address.getAddress();
    return bytes.length == 4 ? address.getHostAddress() : Ipv6.serialize(bytes);
  }

  /** Whether the last label is a number, which makes the whole host an IPv4 address or invalid. */
  private static boolean endsInANumber(String host) {
    List<String> parts = new ArrayList<>(Arrays.asList(host.split("\\.", -1)));
    if (parts.get(parts.size() - 1).isEmpty()) {
      if (parts.size() == 1) {
        return false;
      }
      parts.remove(parts.size() - 1);
    }
    String last = parts.get(parts.size() - 1);
    return !last.isEmpty()
        && (last.chars().allMatch(c -> c >= '0' && c <= '9') || number(last) != null);
  }

  private static byte[] ipv4(String host, String input) {
    List<String> parts = new ArrayList<>(Arrays.asList(host.split("\\.", -1)));
    if (parts.get(parts.size() - 1).isEmpty() && parts.size() > 1) {
      parts.remove(parts.size() - 1);
    }
    if (parts.size() > 4) {
      throw notIpv4(input);
    }
    List<BigInteger> numbers = new ArrayList<>();
    for (String part : parts) {
      BigInteger n = number(part);
      if (n == null) {
        throw notIpv4(input);
      }
      numbers.add(n);
    }
    BigInteger byteLimit = BigInteger.valueOf(256);
    for (int i = 0; i < numbers.size() - 1; i++) {
      if (numbers.get(i).compareTo(byteLimit) >= 0) {
        throw notIpv4(input);
      }
    }
    // The last part fills the bytes the others left: 127.1 is 127.0.0.1.
    BigInteger last = numbers.get(numbers.size() - 1);
    if (last.compareTo(byteLimit.pow(5 - numbers.size())) >= 0) {
      throw notIpv4(input);
    }
    long value = last.longValue();
    for (int i = 0; i < numbers.size() - 1; i++) {
      value += numbers.get(i).longValue() << (8 * (3 - i));
    }
    return new byte[] {
      (byte) (value >> 24), (byte) (value >> 16), (byte) (value >> 8), (byte) value
    };
  }

  /** One IPv4 part: decimal, octal with a leading 0, or hex with 0x; null when it is none. */
  private static BigInteger number(String part) {
    int radix = 10;
    String digits = part;
    if (digits.length() >= 2 && (digits.startsWith("0x") || digits.startsWith("0X"))) {
      radix = 16;
      digits = digits.substring(2);
    } else if (digits.length() >= 2 && digits.startsWith("0")) {
      radix = 8;
      digits = digits.substring(1);
    }
    if (digits.isEmpty()) {
      return part.isEmpty() ? null : BigInteger.ZERO;
    }
    for (int i = 0; i < digits.length(); i++) {
      char c = digits.charAt(i);
      if (c > 0x7f || Character.digit(c, radix) < 0) {
        return null;
      }
    }
    return new BigInteger(digits, radix);
  }

  private static IllegalArgumentException notIpv4(String input) {
    return new IllegalArgumentException(
        "'" + input + "' ends in a number but is not a valid IPv4 address");
  }

  private static String percentDecode(String input) {
    if (input.indexOf('%') < 0) {
      return input;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] bytes = input.getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] == '%' && i + 2 < bytes.length) {
        int high = Character.digit(bytes[i + 1], 16);
        int low = Character.digit(bytes[i + 2], 16);
        if (high >= 0 && low >= 0) {
          out.write(high * 16 + low);
          i += 2;
          continue;
        }
      }
      out.write(bytes[i]);
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  private static InetAddress address(byte[] bytes) {
    try {
      return InetAddress.getByAddress(bytes);
    } catch (UnknownHostException e) {
      throw new IllegalStateException("4 or 16 bytes are always an address", e);
    }
  }
}
