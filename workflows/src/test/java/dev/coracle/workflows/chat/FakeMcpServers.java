package dev.coracle.workflows.chat;

import io.temporal.failure.ApplicationFailure;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A fake of the MCP activities: server {@code docs} has one tool, {@code search}, that echoes its
 * arguments; a server labelled {@link #UNREACHABLE} fails to list, as a server that is down does.
 */
final class FakeMcpServers implements McpChatActivities {
  static final String UNREACHABLE = "down";
  static final String SEARCH = "mcp__docs__search";

  final List<ToolCall> calls = new CopyOnWriteArrayList<>();
  final List<McpServerRef> listed = new CopyOnWriteArrayList<>();

  static McpServerRef docs() {
    return new McpServerRef("docs", "http://localhost:9/mcp", null, null);
  }

  @Override
  public List<ToolDefinition> listTools(McpServerRef server) {
    listed.add(server);
    if (UNREACHABLE.equals(server.label())) {
      throw ApplicationFailure.newFailure(
          "MCP server '" + UNREACHABLE + "' could not be reached: Connection refused",
          ChatErrorType.MCP_UNAVAILABLE.name());
    }
    return List.of(
        new ToolDefinition(
            "mcp__" + server.label() + "__search", "(MCP server docs) Searches", null, null));
  }

  @Override
  public McpToolResult callTool(McpServerRef server, ToolCall call) {
    calls.add(call);
    return new McpToolResult(call.id(), "found " + call.arguments(), false);
  }
}
