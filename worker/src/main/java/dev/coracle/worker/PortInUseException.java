package dev.coracle.worker;

import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** A port coracle needs is already taken by another process. */
public class PortInUseException extends RuntimeException {
  public PortInUseException(String host, int port, Throwable cause) {
    super(host + ":" + port + " is already in use", cause);
  }

  /** True when a server failed to start because its address was taken. */
  public static boolean isBindFailure(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      // Netty's native transport reports EADDRINUSE as its own IOException, not a BindException.
      if (t instanceof BindException
          || (t.getMessage() != null && t.getMessage().contains("Address already in use"))) {
        return true;
      }
    }
    return false;
  }

  /**
   * Fails fast, before anything starts, when {@code host:port} is taken. Port 0 (any free port) is
   * always available. The real bind can still lose a race; callers check its failure too.
   */
  public static void requireFree(String host, int port) {
    if (port == 0) {
      return;
    }
    try (ServerSocket probe = new ServerSocket()) {
      probe.setReuseAddress(true);
      probe.bind(new InetSocketAddress(host, port));
    } catch (IOException e) {
      throw new PortInUseException(host, port, e);
    }
  }
}
