package dev.coracle.api.openai.chat;

import dev.coracle.api.openai.OpenAiException;
import dev.coracle.workflows.chat.McpServerRef;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks the {@code {"type":"mcp"}} entries of {@code tools}: the MCP servers coracle runs tools on
 * for this request. Header values are kept for the server they belong to; no error message here
 * repeats them.
 */
final class McpServerConversion {
  /**
   * Labels become part of function names ({@code mcp__<label>__<tool>}, at most 64 characters), so
   * they follow OpenAI's name rule and leave room for the tool's own name.
   */
  private static final Pattern LABEL = Pattern.compile("[a-zA-Z0-9_-]{1,32}");

  private McpServerConversion() {}

  static boolean isMcp(ChatCompletionRequest.Tool tool) {
    return tool != null && "mcp".equals(tool.type());
  }

  /** The MCP servers of a request, or null when it attached none. */
  static List<McpServerRef> servers(List<ChatCompletionRequest.Tool> tools) {
    if (tools == null) {
      return null;
    }
    List<McpServerRef> servers = new ArrayList<>();
    Set<String> labels = new HashSet<>();
    for (int i = 0; i < tools.size(); i++) {
      if (!isMcp(tools.get(i))) {
        continue;
      }
      String param = "tools[" + i + "]";
      McpServerRef server = server(tools.get(i), param);
      if (!labels.add(server.label())) {
        throw OpenAiException.invalidValue(
            param + ".server_label", "MCP server label '" + server.label() + "' is used twice");
      }
      servers.add(server);
    }
    return servers.isEmpty() ? null : List.copyOf(servers);
  }

  private static McpServerRef server(ChatCompletionRequest.Tool tool, String param) {
    String label = tool.serverLabel();
    if (label == null || !LABEL.matcher(label).matches()) {
      throw OpenAiException.invalid(
          param + ".server_label",
          "'" + param + ".server_label' must be 1-32 letters, digits, '_' or '-'");
    }
    return new McpServerRef(
        label,
        url(tool.serverUrl(), param + ".server_url"),
        allowedTools(tool.allowedTools(), param + ".allowed_tools"),
        headers(tool.headers(), param + ".headers"));
  }

  private static String url(String url, String param) {
    String message = "'" + param + "' must be an http or https URL";
    if (url == null) {
      throw OpenAiException.invalid(param, message);
    }
    try {
      URI uri = URI.create(url);
      boolean web = "http".equals(uri.getScheme()) || "https".equals(uri.getScheme());
      if (!web || uri.getHost() == null) {
        throw OpenAiException.invalidValue(param, message);
      }
      return uri.toString();
    } catch (IllegalArgumentException e) {
      throw OpenAiException.invalidValue(param, message);
    }
  }

  private static List<String> allowedTools(List<String> names, String param) {
    if (names == null) {
      return null;
    }
    for (int i = 0; i < names.size(); i++) {
      if (names.get(i) == null || names.get(i).isBlank()) {
        throw OpenAiException.invalid(
            param + "[" + i + "]", "'" + param + "[" + i + "]' must be a tool name");
      }
    }
    return new ArrayList<>(names);
  }

  private static Map<String, String> headers(Map<String, String> headers, String param) {
    if (headers == null) {
      return null;
    }
    for (Map.Entry<String, String> header : headers.entrySet()) {
      if (header.getValue() == null) {
        // The name only: the value may be a secret.
        throw OpenAiException.invalid(
            param + "." + header.getKey(), "header '" + header.getKey() + "' must be a string");
      }
    }
    return new LinkedHashMap<>(headers);
  }
}
