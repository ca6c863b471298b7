package dev.coracle.worker;

/**
 * A role cannot reach the Temporal it needs: the cluster does not answer, refuses, or lacks the
 * namespace. The message is one line for the user.
 */
public final class TemporalUnreachableException extends RuntimeException {
  public TemporalUnreachableException(String message, Throwable cause) {
    super(message, cause);
  }
}
