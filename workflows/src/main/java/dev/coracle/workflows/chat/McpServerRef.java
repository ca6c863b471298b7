package dev.coracle.workflows.chat;

import java.util.List;
import java.util.Map;

/**
 * An MCP server a chat request attached with a {@code {"type":"mcp"}} tool. Coracle connects to it
 * over streamable HTTP for the length of the request only.
 *
 * @param label the {@code server_label}: the model sees its tools as {@code mcp__<label>__<tool>}
 * @param allowedTools the tools to offer, by the server's own names; null or empty offers all
 * @param headers sent to the server with every request (typically a token); they are meant for that
 *     server only, so {@link #toString()} leaves their values out of logs and error messages
 */
public record McpServerRef(
    String label, String url, List<String> allowedTools, Map<String, String> headers) {

  public McpServerRef {
    allowedTools = allowedTools == null ? List.of() : List.copyOf(allowedTools);
    headers = headers == null ? Map.of() : Map.copyOf(headers);
  }

  /** True when {@code tool} (the server's own name) may be offered and called. */
  public boolean allows(String tool) {
    return allowedTools.isEmpty() || allowedTools.contains(tool);
  }

  @Override
  public String toString() {
    return "McpServerRef[label="
        + label
        + ", url="
        + url
        + ", allowedTools="
        + allowedTools
        + ", headers="
        + headers.keySet().stream().sorted().toList()
        + "]";
  }
}
