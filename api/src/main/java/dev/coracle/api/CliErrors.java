package dev.coracle.api;

/** One-line error messages for the command line: the root cause, never a stack trace. */
final class CliErrors {
  private CliErrors() {}

  /** The first line of the deepest cause's message, with a hint where the details are. */
  static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message =
        root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    return message.lines().findFirst().orElse(message)
        + " (run with CORACLE_LOG_LEVEL=DEBUG for details)";
  }
}
