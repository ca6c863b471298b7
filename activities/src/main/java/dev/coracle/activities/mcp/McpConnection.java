package dev.coracle.activities.mcp;

import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * One MCP server, connected on first use and kept open: starting {@code npx} for every call would
 * cost seconds each time. A failed connection is dropped, so the next use tries again.
 */
public final class McpConnection implements AutoCloseable {
  private final McpServerSpec spec;
  private final Duration timeout;
  private McpSyncClient client;
  private List<McpSchema.Tool> tools;

  public McpConnection(McpServerSpec spec, Duration timeout) {
    this.spec = spec;
    this.timeout = timeout;
  }

  public McpServerSpec spec() {
    return spec;
  }

  /** The server's tools (the SDK follows the pages), listed once per connection. */
  public synchronized List<McpSchema.Tool> tools() {
    if (tools == null) {
      tools = List.copyOf(call(McpSyncClient::listTools).tools());
    }
    return tools;
  }

  /** Calls one tool; the SDK's request timeout bounds the wait. */
  public McpSchema.CallToolResult callTool(String tool, Map<String, Object> arguments) {
    return call(c -> c.callTool(new McpSchema.CallToolRequest(tool, arguments)));
  }

  private synchronized <T> T call(Function<McpSyncClient, T> request) {
    try {
      return request.apply(client());
    } catch (RuntimeException e) {
      // The process may have died or the URL gone away: start afresh next time.
      close();
      throw e;
    }
  }

  private McpSyncClient client() {
    if (client == null) {
      McpSyncClient created = McpClients.create(spec, timeout);
      try {
        created.initialize();
      } catch (RuntimeException e) {
        created.close();
        throw e;
      }
      client = created;
    }
    return client;
  }

  @Override
  public synchronized void close() {
    if (client != null) {
      McpSyncClient closing = client;
      client = null;
      tools = null;
      closing.closeGracefully();
    }
  }
}
