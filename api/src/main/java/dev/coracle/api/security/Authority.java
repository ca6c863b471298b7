package dev.coracle.api.security;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The host and optional port of a {@code Host} header, of an origin or of an allowed-hosts entry,
 * parsed strictly: an ASCII name of letters, digits, dots, hyphens and underscores, or an IPv6
 * literal in brackets, then at most one {@code :port} of 1 to 5 digits. Anything else (userinfo, a
 * path, spaces, a second colon, an empty port, non-ASCII letters) is not an authority at all, so it
 * can never be mistaken for an allowed one. The host is kept in lower case.
 *
 * @param port the port, or {@link #NO_PORT} when the text named none
 */
record Authority(String host, int port) {
  static final int NO_PORT = -1;

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]*");
  private static final Pattern IPV6_LITERAL = Pattern.compile("\\[[0-9A-Fa-f:.]+]");
  private static final Pattern PORT = Pattern.compile("[0-9]{1,5}");
  private static final int LONGEST = 300;

  static Optional<Authority> parse(String text) {
    if (text == null || text.isEmpty() || text.length() > LONGEST) {
      return Optional.empty();
    }
    String host;
    String rest;
    if (text.startsWith("[")) {
      int close = text.indexOf(']');
      if (close < 0) {
        return Optional.empty();
      }
      host = text.substring(0, close + 1);
      rest = text.substring(close + 1);
      if (!IPV6_LITERAL.matcher(host).matches()) {
        return Optional.empty();
      }
    } else {
      int colon = text.indexOf(':');
      host = colon < 0 ? text : text.substring(0, colon);
      rest = colon < 0 ? "" : text.substring(colon);
      if (!NAME.matcher(host).matches()) {
        return Optional.empty();
      }
    }
    // The character checks above ran first, so lower-casing cannot turn a non-ASCII letter (the
    // Kelvin sign, say) into an allowed ASCII name.
    host = host.toLowerCase(Locale.ROOT);
    if (rest.isEmpty()) {
      return Optional.of(new Authority(host, NO_PORT));
    }
    if (!rest.startsWith(":") || !PORT.matcher(rest.substring(1)).matches()) {
      return Optional.empty();
    }
    int port = Integer.parseInt(rest.substring(1));
    return port >= 1 && port <= 65535 ? Optional.of(new Authority(host, port)) : Optional.empty();
  }

  boolean hasPort() {
    return port != NO_PORT;
  }

  @Override
  public String toString() {
    return hasPort() ? host + ":" + port : host;
  }
}
