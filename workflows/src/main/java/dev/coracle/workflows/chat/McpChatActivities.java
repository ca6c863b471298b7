package dev.coracle.workflows.chat;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;
import java.util.List;

/** Talks to the MCP servers a chat request attached. Runs on the tools queue. */
@ActivityInterface
public interface McpChatActivities {

  /**
   * The server's tools (only the allowed ones) as functions named {@code mcp__<label>__<tool>}.
   *
   * @throws io.temporal.failure.ApplicationFailure {@code MCP_UNAVAILABLE} when the server cannot
   *     be reached or refuses the connection
   */
  @ActivityMethod(name = "McpChatListTools")
  List<ToolDefinition> listTools(McpServerRef server);

  /**
   * Runs one call the model made. A failed call, even one the server never answered, is a result
   * with {@code error} set rather than a failure: the model reads it and carries on.
   */
  @ActivityMethod(name = "McpChatCallTool")
  McpToolResult callTool(McpServerRef server, ToolCall call);
}
