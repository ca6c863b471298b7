package dev.coracle.activities.mcp;

import dev.coracle.activities.config.LoadedConfig;
import dev.coracle.activities.tools.Tool;
import dev.coracle.activities.tools.ToolSource;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The servers of {@code mcp.yml} and their tools. The file is looked at again whenever the tools
 * are listed, so editing it takes effect at the next job turn without a restart; a server whose
 * entry did not change keeps its connection.
 */
@Singleton
public class McpServers implements ToolSource, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(McpServers.class);

  /** How long a connect, a listing or one tool call may take. */
  static final Duration TIMEOUT = Duration.ofSeconds(60);

  private final Path file;
  private final Map<String, String> env;
  private final Duration timeout;
  private final Map<String, McpConnection> connections = new LinkedHashMap<>();
  private String seenVersion;

  @Inject
  public McpServers(LoadedConfig loaded) {
    this(loaded.home().resolve(McpConfigFile.FILE_NAME), System.getenv(), TIMEOUT);
  }

  public McpServers(Path file, Map<String, String> env, Duration timeout) {
    this.file = file;
    this.env = Map.copyOf(env);
    this.timeout = timeout;
  }

  @Override
  public List<Tool> tools() {
    List<Tool> tools = new ArrayList<>();
    for (McpConnection connection : connections(false)) {
      try {
        connection.tools().forEach(remote -> tools.add(new McpTool(connection, remote)));
      } catch (RuntimeException e) {
        // The coder works on without that server's tools; the next listing tries again.
        LOG.warn(
            "MCP server {} is unavailable: {}", connection.spec().name(), McpFailures.describe(e));
      }
    }
    return tools;
  }

  /**
   * Reads {@code mcp.yml} again even if it looks unchanged, reconnects every server (one that
   * failed is tried at once) and says how each answers.
   */
  public List<McpServerStatus> reload() {
    return connections(true).stream().map(McpServerStatus::of).toList();
  }

  private synchronized List<McpConnection> connections(boolean force) {
    String version = version();
    if (force || !Objects.equals(version, seenVersion)) {
      seenVersion = version;
      try {
        List<McpServerSpec> specs = McpConfigFile.read(file, env);
        if (force) {
          close();
        }
        apply(specs);
      } catch (McpConfigException e) {
        // A half-edited file must not take the working servers away.
        LOG.warn("{} ignored: {}", file, e.getMessage());
        if (force) {
          throw e;
        }
      }
    }
    return List.copyOf(connections.values());
  }

  private void apply(List<McpServerSpec> specs) {
    Map<String, McpServerSpec> wanted = new LinkedHashMap<>();
    specs.forEach(spec -> wanted.put(spec.name(), spec));
    connections
        .entrySet()
        .removeIf(
            entry -> {
              boolean stale = !entry.getValue().spec().equals(wanted.get(entry.getKey()));
              if (stale) {
                entry.getValue().close();
              }
              return stale;
            });
    for (McpServerSpec spec : specs) {
      connections.computeIfAbsent(spec.name(), name -> new McpConnection(spec, timeout));
    }
  }

  /** The file's modification time and size; either changing means it was edited. */
  private String version() {
    try {
      return Files.isRegularFile(file)
          ? Files.getLastModifiedTime(file).toMillis() + ":" + Files.size(file)
          : null;
    } catch (IOException e) {
      return null;
    }
  }

  @PreDestroy
  @Override
  public synchronized void close() {
    connections.values().forEach(McpConnection::close);
    connections.clear();
  }
}
