package dev.coracle.api.server;

import dev.coracle.worker.EmbeddedTemporal;
import dev.coracle.worker.PortInUseException;

/**
 * {@code coracle temporal}: the embedded Temporal test server alone, on TCP, so {@code coracle api}
 * and {@code coracle worker} can be tried on one machine without a cluster.
 *
 * <p>It is not recycled. {@code coracle serve} replaces its embedded server when it holds too much
 * and moves running jobs across from the store, which works because that worker is in the same
 * process and switches servers with it. Workers in other processes keep their connection to one
 * server, so a fresh one behind the same port would strand them. It keeps every workflow in memory
 * and forgets them all when it stops: use it to try the roles, and a real cluster to keep them.
 */
public final class TemporalRole implements AutoCloseable {
  private final EmbeddedTemporal server;
  private final String host;

  private TemporalRole(EmbeddedTemporal server, String host) {
    this.server = server;
    this.host = host;
  }

  public static TemporalRole start(String host, int port) {
    PortInUseException.requireFree(host, port);
    return new TemporalRole(EmbeddedTemporal.start(host, port), host);
  }

  public String address() {
    return host + ":" + server.port();
  }

  @Override
  public void close() {
    server.close();
  }
}
