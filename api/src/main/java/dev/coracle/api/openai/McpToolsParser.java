package dev.coracle.api.openai;

import com.fasterxml.jackson.databind.JsonNode;
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
 * Validates the {@code {"type":"mcp"}} entries of {@code tools}: the MCP servers coracle runs tools
 * on for this request. Header values are kept for the server they belong to; no error message here
 * repeats them.
 */
final class McpToolsParser {
  /**
   * Labels become part of function names ({@code mcp__<label>__<tool>}, at most 64 characters), so
   * they follow OpenAI's name rule and leave room for the tool's own name.
   */
  private static final Pattern LABEL = Pattern.compile("[a-zA-Z0-9_-]{1,32}");

  private McpToolsParser() {}

  static boolean isMcp(JsonNode tool) {
    return tool.isObject() && "mcp".equals(tool.path("type").asText(""));
  }

  /** The MCP servers of a request, or null when it attached none. */
  static List<McpServerRef> parse(JsonNode root) {
    JsonNode tools = root.get("tools");
    if (tools == null || !tools.isArray()) {
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

  private static McpServerRef server(JsonNode tool, String param) {
    JsonNode label = tool.get("server_label");
    if (label == null || !label.isTextual() || !LABEL.matcher(label.asText()).matches()) {
      throw OpenAiException.invalid(
          param + ".server_label",
          "'" + param + ".server_label' must be 1-32 letters, digits, '_' or '-'");
    }
    return new McpServerRef(
        label.asText(),
        url(tool.get("server_url"), param + ".server_url"),
        allowedTools(tool.get("allowed_tools"), param + ".allowed_tools"),
        headers(tool.get("headers"), param + ".headers"));
  }

  private static String url(JsonNode node, String param) {
    String message = "'" + param + "' must be an http or https URL";
    if (node == null || !node.isTextual()) {
      throw OpenAiException.invalid(param, message);
    }
    try {
      URI uri = URI.create(node.asText());
      boolean web = "http".equals(uri.getScheme()) || "https".equals(uri.getScheme());
      if (!web || uri.getHost() == null) {
        throw OpenAiException.invalidValue(param, message);
      }
      return uri.toString();
    } catch (IllegalArgumentException e) {
      throw OpenAiException.invalidValue(param, message);
    }
  }

  private static List<String> allowedTools(JsonNode node, String param) {
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isArray()) {
      throw OpenAiException.invalid(param, "'" + param + "' must be an array of tool names");
    }
    List<String> names = new ArrayList<>();
    for (int i = 0; i < node.size(); i++) {
      if (!node.get(i).isTextual() || node.get(i).asText().isBlank()) {
        throw OpenAiException.invalid(
            param + "[" + i + "]", "'" + param + "[" + i + "]' must be a tool name");
      }
      names.add(node.get(i).asText());
    }
    return names;
  }

  private static Map<String, String> headers(JsonNode node, String param) {
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isObject()) {
      throw OpenAiException.invalid(param, "'" + param + "' must be an object of strings");
    }
    Map<String, String> headers = new LinkedHashMap<>();
    for (var field : (Iterable<Map.Entry<String, JsonNode>>) node::fields) {
      if (!field.getValue().isTextual()) {
        // The name only: the value may be a secret.
        throw OpenAiException.invalid(
            param + "." + field.getKey(), "header '" + field.getKey() + "' must be a string");
      }
      headers.put(field.getKey(), field.getValue().asText());
    }
    return headers;
  }
}
