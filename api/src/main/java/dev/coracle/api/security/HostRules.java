package dev.coracle.api.security;

import dev.coracle.activities.config.ConfigException;
import dev.coracle.activities.config.CoracleConfig.ServerConfig;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Which names coracle answers to in the {@code Host} header: the loopback names, the address it was
 * told to listen on (unless that is a wildcard) and {@code server.allowed-hosts}.
 *
 * <p>A name without a port is allowed on every port. The port carries no defence against DNS
 * rebinding, which always arrives under the attacker's name, and port forwarding ({@code ssh -L},
 * {@code docker -p}) legitimately changes it. A page on another local port is stopped by the origin
 * check instead. An allowed-hosts entry with a port ({@code coracle.lan:8787}) allows only that
 * port.
 */
final class HostRules {
  static final List<String> LOOPBACK_NAMES = List.of("localhost", "127.0.0.1", "[::1]");
  private static final Set<String> WILDCARDS = Set.of("0.0.0.0", "[::]", "[0:0:0:0:0:0:0:0]");

  private final Set<String> anyPort;
  private final Set<Authority> exactly;

  private HostRules(Set<String> anyPort, Set<Authority> exactly) {
    this.anyPort = Set.copyOf(anyPort);
    this.exactly = Set.copyOf(exactly);
  }

  /**
   * @throws ConfigException for an allowed-hosts entry that is not a host name or host:port
   */
  static HostRules from(ServerConfig server) {
    Set<String> anyPort = new HashSet<>(LOOPBACK_NAMES);
    Set<Authority> exactly = new HashSet<>();
    listeningName(server.host()).ifPresent(anyPort::add);
    for (String entry : server.allowedHosts()) {
      Authority allowed =
          Authority.parse(entry == null ? null : entry.strip())
              .orElseThrow(
                  () ->
                      new ConfigException(
                          "server.allowed-hosts: '"
                              + entry
                              + "' is not a host name or host:port (for example coracle.lan,"
                              + " coracle.lan:8787 or [fd00::5])"));
      if (allowed.hasPort()) {
        exactly.add(allowed);
      } else {
        anyPort.add(allowed.host());
      }
    }
    return new HostRules(anyPort, exactly);
  }

  boolean allows(Authority host) {
    return anyPort.contains(host.host()) || exactly.contains(host);
  }

  /** The listening address as a {@code Host} header would name it; none for a wildcard. */
  private static Optional<String> listeningName(String host) {
    String named = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    return Authority.parse(named)
        .filter(authority -> !authority.hasPort())
        .map(Authority::host)
        .filter(name -> !WILDCARDS.contains(name));
  }
}
