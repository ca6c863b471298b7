package dev.coracle.activities.mcp;

import java.util.List;
import java.util.Map;

/**
 * One server of {@code mcp.yml}, with its {@code ${VAR}} references already resolved. Either a
 * command coracle starts and talks to over stdio, or a URL.
 *
 * @param transport {@code stdio}, {@code streamable-http} or {@code sse}
 */
public record McpServerSpec(
    String name,
    String transport,
    String command,
    List<String> args,
    Map<String, String> env,
    String url,
    Map<String, String> headers) {

  public static final String STDIO = "stdio";
  public static final String STREAMABLE_HTTP = "streamable-http";
  public static final String SSE = "sse";

  public McpServerSpec {
    args = args == null ? List.of() : List.copyOf(args);
    env = env == null ? Map.of() : Map.copyOf(env);
    headers = headers == null ? Map.of() : Map.copyOf(headers);
  }

  /** Where the server is, for listings: the command line or the URL. */
  public String target() {
    return STDIO.equals(transport)
        ? String.join(" ", command, String.join(" ", args)).strip()
        : url;
  }
}
