package dev.coracle.activities.mcp;

/** {@code mcp.yml} says something coracle cannot act on; the message says what and where. */
public class McpConfigException extends RuntimeException {
  public McpConfigException(String message) {
    super(message);
  }
}
