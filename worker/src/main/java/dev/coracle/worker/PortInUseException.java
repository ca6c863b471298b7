package dev.coracle.worker;

import java.net.BindException;

/** A port coracle needs is already taken by another process. */
public class PortInUseException extends RuntimeException {
  public PortInUseException(String host, int port, Throwable cause) {
    super(host + ":" + port + " is already in use", cause);
  }

  /** True when a server failed to start because its address was taken. */
  public static boolean isBindFailure(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof BindException) {
        return true;
      }
    }
    return false;
  }
}
