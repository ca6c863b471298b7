package dev.coracle.api.mcp;

import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.server.McpStatelessServerHandler;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpStatelessServerTransport;
import java.io.IOException;
import java.util.Optional;
import reactor.core.publisher.Mono;

/**
 * The stateless flavour of MCP's streamable HTTP: every POST carries one JSON-RPC message and its
 * answer is one JSON body, no session and no server-sent stream. The job tools answer at once, so
 * nothing is lost, and coracle's Micronaut server needs no servlet container for it.
 */
final class McpHttpTransport implements McpStatelessServerTransport {
  private final McpJsonMapper json;
  private volatile McpStatelessServerHandler handler;

  McpHttpTransport(McpJsonMapper json) {
    this.json = json;
  }

  @Override
  public void setMcpHandler(McpStatelessServerHandler handler) {
    this.handler = handler;
  }

  @Override
  public Mono<Void> closeGracefully() {
    return Mono.empty();
  }

  /**
   * @return the JSON-RPC response to write, or empty for a notification (answered with 202)
   * @throws IOException for a body that is not a JSON-RPC message
   */
  Optional<String> handle(String body) throws IOException {
    McpSchema.JSONRPCMessage message = McpSchema.deserializeJsonRpcMessage(json, body);
    McpTransportContext context = McpTransportContext.EMPTY;
    if (message instanceof McpSchema.JSONRPCRequest request) {
      McpSchema.JSONRPCResponse response =
          handler
              .handleRequest(context, request)
              .contextWrite(ctx -> ctx.put(McpTransportContext.KEY, context))
              .block();
      return Optional.of(json.writeValueAsString(response));
    }
    if (message instanceof McpSchema.JSONRPCNotification notification) {
      handler
          .handleNotification(context, notification)
          .contextWrite(ctx -> ctx.put(McpTransportContext.KEY, context))
          .block();
      return Optional.empty();
    }
    throw new IOException("the server takes requests and notifications, not responses");
  }
}
