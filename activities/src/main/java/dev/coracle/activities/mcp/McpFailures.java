package dev.coracle.activities.mcp;

/** One line about why talking to an MCP server failed, from the innermost cause that says so. */
public final class McpFailures {
  private McpFailures() {}

  public static String describe(Throwable e) {
    Throwable cause = e;
    String message = e.getMessage();
    while (cause.getCause() != null && cause.getCause() != cause) {
      cause = cause.getCause();
      if (cause.getMessage() != null) {
        message = cause.getMessage();
      }
    }
    if (cause instanceof java.util.concurrent.TimeoutException
        || e instanceof java.util.concurrent.TimeoutException
        || (message != null && message.contains("Did not observe any item"))) {
      return "timed out";
    }
    String line =
        message == null
            ? cause.getClass().getSimpleName()
            : message.strip().lines().findFirst().orElse("");
    return line.length() <= 300 ? line : line.substring(0, 300) + "…";
  }
}
