package dev.coracle.activities.mcp;

import io.modelcontextprotocol.spec.McpSchema;
import java.util.List;

/**
 * How one configured server answered: its tools' names, or why it could not be reached.
 *
 * @param error null when the server listed its tools
 */
public record McpServerStatus(
    String name, String transport, String target, List<String> tools, String error) {

  public boolean ok() {
    return error == null;
  }

  /** Connects if need be and lists the tools; a failure is part of the answer, not thrown. */
  public static McpServerStatus of(McpConnection connection) {
    McpServerSpec spec = connection.spec();
    try {
      List<String> tools = connection.tools().stream().map(McpSchema.Tool::name).toList();
      return new McpServerStatus(spec.name(), spec.transport(), spec.target(), tools, null);
    } catch (RuntimeException e) {
      return new McpServerStatus(
          spec.name(), spec.transport(), spec.target(), List.of(), McpFailures.describe(e));
    }
  }
}
