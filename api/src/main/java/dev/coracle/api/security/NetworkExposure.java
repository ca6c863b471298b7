package dev.coracle.api.security;

import dev.coracle.activities.config.ConfigException;
import dev.coracle.activities.config.CoracleConfig.ServerConfig;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * The start-up rule for where coracle listens: beyond this machine only with an API key, because
 * whoever reaches the port can run coding jobs in the user's directories.
 */
public final class NetworkExposure {
  private static final Pattern IPV4_LITERAL =
      Pattern.compile("[0-9]{1,3}\\.[0-9]{1,3}\\.[0-9]{1,3}\\.[0-9]{1,3}");

  private NetworkExposure() {}

  /**
   * @throws ConfigException for a non-loopback {@code server.host} without {@code server.api-key},
   *     or a malformed {@code server.allowed-hosts} entry
   */
  public static void check(ServerConfig server) {
    HostRules.from(server);
    if (!server.hasApiKey() && !isLoopback(server.host())) {
      throw new ConfigException(
          "refusing to listen on "
              + server.host()
              + " without an API key: set CORACLE_API_KEY (server.api-key), or listen on"
              + " 127.0.0.1");
    }
  }

  /**
   * Where the embedded Temporal server listens: the HTTP host when that is loopback, else
   * 127.0.0.1. Temporal's port has no authentication, and whoever reaches it can start and signal
   * workflows, so the API key on the HTTP port would mean nothing if it followed {@code
   * server.host} off this machine.
   */
  public static String temporalHost(ServerConfig server) {
    return isLoopback(server.host()) ? server.host() : "127.0.0.1";
  }

  /**
   * True for {@code localhost} and loopback address literals ({@code 127.0.0.0/8}, {@code ::1}).
   * Any other name counts as reachable from outside: it is not resolved, so a name that happens to
   * point at loopback today cannot waive the key.
   */
  static boolean isLoopback(String host) {
    String bare = host.strip();
    if (bare.startsWith("[") && bare.endsWith("]")) {
      bare = bare.substring(1, bare.length() - 1);
    }
    if (bare.equalsIgnoreCase("localhost")) {
      return true;
    }
    if (IPV4_LITERAL.matcher(bare).matches()) {
      return bare.startsWith("127.");
    }
    if (!bare.contains(":")) {
      return false;
    }
    try {
      // In brackets an IPv6 literal is parsed, and a malformed one rejected, never looked up.
      return InetAddress.getByName("[" + bare + "]").isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }
}
