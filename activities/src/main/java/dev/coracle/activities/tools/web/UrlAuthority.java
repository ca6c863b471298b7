package dev.coracle.activities.tools.web;

import java.net.URI;

/**
 * The host and port of an http(s) URL, taken from its raw authority rather than from {@code
 * URI.getHost()}: Java gives no host at all for spellings a browser accepts ({@code 0x7f.1}, {@code
 * %31%32%37.0.0.1}), and those must be judged, not waved through or misread.
 */
record UrlAuthority(UrlHost host, int port) {

  /**
   * @param defaultPort the scheme's port, for a URL that names none
   * @throws IllegalArgumentException when there is no host or the host or port is not valid
   */
  static UrlAuthority of(URI uri, int defaultPort) {
    String authority = uri.getRawAuthority();
    if (authority == null || authority.isEmpty()) {
      throw new IllegalArgumentException("the URL has no host name");
    }
    // User info ends at the last @; the browser connects to what follows it.
    String hostPort = authority.substring(authority.lastIndexOf('@') + 1);
    String host;
    String port;
    if (hostPort.startsWith("[")) {
      int close = hostPort.indexOf(']');
      if (close < 0) {
        throw new IllegalArgumentException("'" + hostPort + "' is an IPv6 address without its ]");
      }
      host = hostPort.substring(0, close + 1);
      String rest = hostPort.substring(close + 1);
      if (!rest.isEmpty() && !rest.startsWith(":")) {
        throw new IllegalArgumentException("'" + hostPort + "' has text after the IPv6 address");
      }
      port = rest.isEmpty() ? "" : rest.substring(1);
    } else {
      int colon = hostPort.lastIndexOf(':');
      host = colon < 0 ? hostPort : hostPort.substring(0, colon);
      port = colon < 0 ? "" : hostPort.substring(colon + 1);
    }
    if (host.isEmpty()) {
      throw new IllegalArgumentException("the URL has no host name");
    }
    return new UrlAuthority(UrlHost.parse(host), port(port, defaultPort));
  }

  private static int port(String digits, int defaultPort) {
    if (digits.isEmpty()) {
      return defaultPort;
    }
    if (!digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw new IllegalArgumentException("'" + digits + "' is not a port number");
    }
    String significant = digits.replaceFirst("^0+(?=.)", "");
    if (significant.length() > 5 || Integer.parseInt(significant) > 65535) {
      throw new IllegalArgumentException("port " + digits + " is out of range");
    }
    return Integer.parseInt(significant);
  }
}
