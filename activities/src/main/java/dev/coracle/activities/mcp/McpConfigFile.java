package dev.coracle.activities.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.coracle.activities.config.SecretReferences;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads {@code $CORACLE_HOME/mcp.yml}: {@code servers:}, a list of {@code {name, command, args,
 * env}} or {@code {name, url, transport, headers}}. A missing file means no servers.
 */
public final class McpConfigFile {
  public static final String FILE_NAME = "mcp.yml";

  /** Names become part of tool names the model calls, which allow only these characters. */
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,32}");

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private McpConfigFile() {}

  /**
   * @throws McpConfigException when the file cannot be read or a server is not described well
   */
  public static List<McpServerSpec> read(Path file, Map<String, String> env) {
    if (!Files.isRegularFile(file)) {
      return List.of();
    }
    JsonNode root;
    try {
      root = YAML.readTree(file.toFile());
    } catch (IOException e) {
      throw new McpConfigException(file + " is not valid YAML: " + e.getMessage());
    }
    if (root == null || root.isMissingNode() || root.isNull()) {
      return List.of();
    }
    JsonNode servers = root.path("servers");
    if (!servers.isMissingNode() && !servers.isNull() && !servers.isArray()) {
      throw new McpConfigException(file + ": 'servers' must be a list");
    }
    List<McpServerSpec> specs = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (JsonNode server : servers) {
      McpServerSpec spec = spec(server, env);
      if (!names.add(spec.name())) {
        throw new McpConfigException(file + ": two servers are named " + spec.name());
      }
      specs.add(spec);
    }
    return List.copyOf(specs);
  }

  private static McpServerSpec spec(JsonNode server, Map<String, String> env) {
    String name = text(server, "name", env);
    if (name == null || !NAME.matcher(name).matches()) {
      throw new McpConfigException(
          "an MCP server needs a 'name' of letters, digits, '_' or '-' (got " + name + ")");
    }
    String command = text(server, "command", env);
    String url = text(server, "url", env);
    if ((command == null) == (url == null)) {
      throw new McpConfigException("MCP server " + name + " needs either 'command' or 'url'");
    }
    if (command != null) {
      List<String> args = new ArrayList<>();
      server.path("args").forEach(arg -> args.add(SecretReferences.resolveText(arg.asText(), env)));
      return new McpServerSpec(
          name, McpServerSpec.STDIO, command, args, map(server, "env", env), null, null);
    }
    String transport = text(server, "transport", env);
    if (transport == null) {
      transport = McpServerSpec.STREAMABLE_HTTP;
    }
    if (!transport.equals(McpServerSpec.STREAMABLE_HTTP) && !transport.equals(McpServerSpec.SSE)) {
      throw new McpConfigException(
          "MCP server " + name + ": 'transport' is streamable-http or sse (got " + transport + ")");
    }
    return new McpServerSpec(name, transport, null, null, null, url, map(server, "headers", env));
  }

  private static String text(JsonNode node, String field, Map<String, String> env) {
    JsonNode value = node.get(field);
    return value == null || value.isNull()
        ? null
        : SecretReferences.resolveText(value.asText(), env);
  }

  private static Map<String, String> map(JsonNode node, String field, Map<String, String> env) {
    Map<String, String> map = new LinkedHashMap<>();
    node.path(field)
        .fields()
        .forEachRemaining(
            e -> map.put(e.getKey(), SecretReferences.resolveText(e.getValue().asText(), env)));
    return map;
  }
}
