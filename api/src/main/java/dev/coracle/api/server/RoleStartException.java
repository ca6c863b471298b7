package dev.coracle.api.server;

/** A role could not start because of something outside it; the message says what, in one line. */
public final class RoleStartException extends RuntimeException {
  RoleStartException(String what, Throwable cause) {
    super(what + ": " + rootLine(cause), cause);
  }

  private static String rootLine(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message =
        root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    return message.lines().findFirst().orElse(message);
  }
}
