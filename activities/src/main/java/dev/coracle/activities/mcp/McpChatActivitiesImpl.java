package dev.coracle.activities.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.coracle.activities.json.CoracleJson;
import dev.coracle.activities.tools.ToolOutput;
import dev.coracle.workflows.chat.ChatErrorType;
import dev.coracle.workflows.chat.McpChatActivities;
import dev.coracle.workflows.chat.McpServerRef;
import dev.coracle.workflows.chat.McpToolResult;
import dev.coracle.workflows.chat.ToolCall;
import dev.coracle.workflows.chat.ToolDefinition;
import io.modelcontextprotocol.spec.McpSchema;
import io.temporal.failure.ApplicationFailure;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The MCP servers of a chat request, reached over streamable HTTP. Each activity opens its own
 * connection and closes it: the servers belong to one request, not to coracle's configuration, so
 * there is nothing worth keeping open between requests. Header values go to the server only; no
 * message here includes them.
 */
@Singleton
public class McpChatActivitiesImpl implements McpChatActivities {
  /** Per MCP request: connecting, listing, or one tool call. */
  static final Duration TIMEOUT = Duration.ofSeconds(30);

  /** Bound on a tool result's text, so one call cannot fill the model's context or the history. */
  static final int MAX_OUTPUT_CHARS = 32_000;

  private static final ObjectMapper MAPPER = CoracleJson.mapper();

  @Override
  public List<ToolDefinition> listTools(McpServerRef server) {
    try (McpConnection connection = connect(server)) {
      return allowedTools(server, connection).stream()
          .map(remote -> new McpTool(connection, remote).definition())
          .toList();
    } catch (RuntimeException e) {
      throw ApplicationFailure.newFailure(
          "MCP server '"
              + server.label()
              + "' ("
              + server.url()
              + ") could not be reached: "
              + McpFailures.describe(e),
          ChatErrorType.MCP_UNAVAILABLE.name());
    }
  }

  @Override
  public McpToolResult callTool(McpServerRef server, ToolCall call) {
    try (McpConnection connection = connect(server)) {
      McpSchema.Tool remote =
          allowedTools(server, connection).stream()
              .filter(tool -> McpToolNames.of(server.label(), tool.name()).equals(call.name()))
              .findFirst()
              .orElse(null);
      if (remote == null) {
        return error(call, call.name() + " is not a tool of MCP server " + server.label());
      }
      Map<String, Object> arguments;
      try {
        arguments = arguments(call.arguments());
      } catch (IllegalArgumentException e) {
        return error(call, call.name() + ": the arguments are not a JSON object");
      }
      McpSchema.CallToolResult result = connection.callTool(remote.name(), arguments);
      ToolOutput output = McpResults.toOutput(call.name(), result);
      return new McpToolResult(call.id(), cut(output.text()), output.error());
    } catch (RuntimeException e) {
      return error(
          call,
          call.name()
              + " failed: MCP server "
              + server.label()
              + " did not answer ("
              + McpFailures.describe(e)
              + ")");
    }
  }

  private static McpConnection connect(McpServerRef server) {
    McpServerSpec spec =
        new McpServerSpec(
            server.label(),
            McpServerSpec.STREAMABLE_HTTP,
            null,
            null,
            null,
            server.url(),
            server.headers());
    return new McpConnection(spec, TIMEOUT);
  }

  private static List<McpSchema.Tool> allowedTools(McpServerRef server, McpConnection connection) {
    return connection.tools().stream().filter(tool -> server.allows(tool.name())).toList();
  }

  private static Map<String, Object> arguments(String json) {
    if (json == null || json.isBlank()) {
      return Map.of();
    }
    JsonNode node;
    try {
      node = MAPPER.readTree(json);
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException(e);
    }
    if (!node.isObject()) {
      throw new IllegalArgumentException("not an object");
    }
    return McpJson.toMap(node);
  }

  private static McpToolResult error(ToolCall call, String why) {
    return new McpToolResult(call.id(), why, true);
  }

  private static String cut(String text) {
    return text.length() <= MAX_OUTPUT_CHARS
        ? text
        : text.substring(0, MAX_OUTPUT_CHARS) + "\n[output cut to " + MAX_OUTPUT_CHARS + " chars]";
  }
}
