package dev.coracle.api.mcp;

import dev.coracle.activities.json.CoracleJson;
import dev.coracle.api.Coracle;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpStatelessSyncServer;
import io.modelcontextprotocol.spec.McpSchema;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.util.Optional;

/** coracle as an MCP server: the job tools behind {@code /mcp}. */
@Singleton
public class CoracleMcpServer {
  private final McpHttpTransport transport;
  private final McpStatelessSyncServer server;

  public CoracleMcpServer(McpJobTools tools) {
    JacksonMcpJsonMapper json = new JacksonMcpJsonMapper(CoracleJson.mapper());
    this.transport = new McpHttpTransport(json);
    this.server =
        McpServer.sync(transport)
            .serverInfo("coracle", version())
            .jsonMapper(json)
            .capabilities(McpSchema.ServerCapabilities.builder().tools(false).build())
            .tools(tools.specifications())
            .build();
  }

  private static String version() {
    String version = Coracle.class.getPackage().getImplementationVersion();
    return version == null ? "development" : version;
  }

  Optional<String> handle(String body) throws IOException {
    return transport.handle(body);
  }

  @PreDestroy
  void close() {
    server.close();
  }
}
