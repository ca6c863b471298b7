package dev.coracle.worker;

import dev.coracle.worker.visibility.ArchivedExecutions;
import io.grpc.ManagedChannel;

/**
 * Temporal's Java test server, run inside coracle. Its services are served twice: over an
 * in-process channel for coracle's own client and worker (the cheap path), and over TCP on loopback
 * for outside tools such as the {@code temporal} CLI.
 *
 * <p>The test server never forgets a workflow, so coracle replaces it now and then with a fresh one
 * ({@link #startNext()}, {@link #serve(ServerGeneration)}); the TCP port stays bound throughout and
 * serves whichever server is current.
 */
public final class EmbeddedTemporal implements AutoCloseable {
  private final TemporalPort port;
  private final ArchivedExecutions archive;
  private volatile ServerGeneration current;

  private EmbeddedTemporal(TemporalPort port, ArchivedExecutions archive, ServerGeneration first) {
    this.port = port;
    this.archive = archive;
    this.current = first;
  }

  /**
   * Starts the server and binds {@code host:port} (port 0 picks a free one).
   *
   * @throws PortInUseException when the port is taken
   */
  public static EmbeddedTemporal start(String host, int port) {
    return start(host, port, ArchivedExecutions.NONE);
  }

  /**
   * Starts the server and binds {@code host:port}; the CLI's list also shows {@code archive}, the
   * workflows of servers closed earlier.
   */
  public static EmbeddedTemporal start(String host, int port, ArchivedExecutions archive) {
    TemporalPort tcp = TemporalPort.open(host, port);
    ServerGeneration first;
    try {
      first = ServerGeneration.start(1, archive);
    } catch (RuntimeException e) {
      tcp.close();
      throw e;
    }
    tcp.serve(first.definitions());
    return new EmbeddedTemporal(tcp, archive, first);
  }

  /** Starts a fresh server, not yet current: its worker can start polling before work arrives. */
  ServerGeneration startNext() {
    return ServerGeneration.start(current.number() + 1, archive);
  }

  /** Makes {@code next} the server the TCP port serves. The old one keeps running until closed. */
  void serve(ServerGeneration next) {
    port.serve(next.definitions());
    current = next;
  }

  ServerGeneration current() {
    return current;
  }

  /** The channel of the current server. */
  public ManagedChannel channel() {
    return current.channel();
  }

  /** The TCP port outside tools connect to. */
  public int port() {
    return port.port();
  }

  /** Closes the port and the current server; older ones are closed by whoever replaced them. */
  @Override
  public void close() {
    port.close();
    current.close();
  }
}
