package dev.coracle.activities.mcp;

import dev.coracle.activities.json.CoracleJson;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientSseClientTransport;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.spec.McpClientTransport;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.File;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Builds an MCP SDK client for a server of {@code mcp.yml} or of a chat request. */
public final class McpClients {
  private static final Logger LOG = LoggerFactory.getLogger(McpClients.class);

  /** Jackson 2, the mapper the rest of coracle uses, named here so no service lookup decides. */
  static final McpJsonMapper JSON = new JacksonMcpJsonMapper(CoracleJson.mapper());

  private McpClients() {}

  /** A client not yet initialized; {@link McpSyncClient#initialize()} connects it. */
  public static McpSyncClient create(McpServerSpec spec, Duration timeout) {
    return McpClient.sync(transport(spec, timeout))
        .clientInfo(new McpSchema.Implementation("coracle", "1"))
        .requestTimeout(timeout)
        .initializationTimeout(timeout)
        .build();
  }

  /**
   * A command that is not there would only show as a timeout once the SDK gives up waiting for the
   * handshake; saying so at once is quicker and clearer.
   */
  private static void requireCommand(McpServerSpec spec) {
    String command = spec.command();
    boolean found =
        command.contains("/")
            ? Files.isExecutable(Path.of(command))
            : Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .anyMatch(dir -> !dir.isEmpty() && Files.isExecutable(Path.of(dir, command)));
    if (!found) {
      throw new IllegalStateException("command not found: " + command);
    }
  }

  private static McpClientTransport transport(McpServerSpec spec, Duration timeout) {
    if (McpServerSpec.STDIO.equals(spec.transport())) {
      requireCommand(spec);
      StdioClientTransport stdio =
          new StdioClientTransport(
              ServerParameters.builder(spec.command()).args(spec.args()).env(spec.env()).build(),
              JSON);
      // Servers log to stderr freely; at info level that would drown coracle's own log.
      stdio.setStdErrorHandler(line -> LOG.debug("mcp {}: {}", spec.name(), line));
      return stdio;
    }
    URI url = URI.create(spec.url());
    String base = url.getScheme() + "://" + url.getRawAuthority();
    String endpoint =
        (url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath())
            + (url.getRawQuery() == null ? "" : "?" + url.getRawQuery());
    HttpRequest.Builder request = HttpRequest.newBuilder();
    for (Map.Entry<String, String> header : spec.headers().entrySet()) {
      request.header(header.getKey(), header.getValue());
    }
    if (McpServerSpec.SSE.equals(spec.transport())) {
      return HttpClientSseClientTransport.builder(base)
          .sseEndpoint(endpoint)
          .requestBuilder(request)
          .jsonMapper(JSON)
          .connectTimeout(timeout)
          .build();
    }
    return HttpClientStreamableHttpTransport.builder(base)
        .endpoint(endpoint)
        .requestBuilder(request)
        .jsonMapper(JSON)
        .connectTimeout(timeout)
        .build();
  }
}
