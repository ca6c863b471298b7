package dev.coracle.activities.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import dev.coracle.activities.tools.Tool;
import dev.coracle.activities.tools.ToolContext;
import dev.coracle.activities.tools.ToolException;
import dev.coracle.activities.tools.ToolOutput;
import dev.coracle.workflows.chat.ToolDefinition;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.Map;

/** One tool of an MCP server, offered to the coder under {@code mcp__<server>__<tool>}. */
final class McpTool implements Tool {
  private final McpConnection connection;
  private final McpSchema.Tool remote;
  private final ToolDefinition definition;

  McpTool(McpConnection connection, McpSchema.Tool remote) {
    this.connection = connection;
    this.remote = remote;
    String server = connection.spec().name();
    String description = remote.description() != null ? remote.description() : remote.title();
    this.definition =
        new ToolDefinition(
            McpToolNames.of(server, remote.name()),
            "(MCP server " + server + ") " + (description == null ? remote.name() : description),
            remote.inputSchema() == null ? null : McpJson.write(remote.inputSchema()),
            null);
  }

  @Override
  public ToolDefinition definition() {
    return definition;
  }

  /**
   * Only what the server declares read-only is re-run after a crash; a server that says nothing may
   * have done anything, so its call is reported as interrupted instead.
   */
  @Override
  public boolean idempotent() {
    return remote.annotations() != null && Boolean.TRUE.equals(remote.annotations().readOnlyHint());
  }

  @Override
  public ToolOutput run(ToolContext context, JsonNode args) {
    context.heartbeat();
    Map<String, Object> arguments = McpJson.toMap(args);
    McpSchema.CallToolResult result;
    try {
      result = connection.callTool(remote.name(), arguments);
    } catch (RuntimeException e) {
      throw new ToolException(
          name()
              + " failed: MCP server "
              + connection.spec().name()
              + " did not answer ("
              + McpFailures.describe(e)
              + ")");
    }
    return McpResults.toOutput(name(), result);
  }
}
