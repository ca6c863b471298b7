package dev.coracle.activities.mcp;

import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * One MCP server, connected on first use and kept open: starting {@code npx} for every call would
 * cost seconds each time. A failed connection is dropped; the next try waits out a pause, so a
 * broken server does not hold up every job turn for the length of a timeout.
 */
public final class McpConnection implements AutoCloseable {
  /** How long a server that failed to connect is left alone before the next attempt. */
  static final Duration RETRY_PAUSE = Duration.ofSeconds(30);

  private final McpServerSpec spec;
  private final Duration timeout;
  private McpSyncClient client;
  private List<McpSchema.Tool> tools;
  private long retryAtNanos;
  private RuntimeException lastFailure;

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
    if (client != null) {
      return client;
    }
    if (lastFailure != null && System.nanoTime() - retryAtNanos < 0) {
      throw lastFailure;
    }
    try {
      McpSyncClient created = McpClients.create(spec, timeout);
      try {
        created.initialize();
      } catch (RuntimeException e) {
        created.close();
        throw e;
      }
      client = created;
      lastFailure = null;
      return client;
    } catch (RuntimeException e) {
      lastFailure = e;
      retryAtNanos = System.nanoTime() + RETRY_PAUSE.toNanos();
      throw e;
    }
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
