package dev.coracle.api.mcp;

import dev.coracle.activities.config.CoracleHome;
import dev.coracle.activities.mcp.McpConfigException;
import dev.coracle.activities.mcp.McpConfigFile;
import dev.coracle.activities.mcp.McpConnection;
import dev.coracle.activities.mcp.McpServerSpec;
import dev.coracle.activities.mcp.McpServerStatus;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code coracle mcp list}: connects to every server of mcp.yml itself, so it answers whether or
 * not coracle is running. Exit status 1 when any server failed, 2 when mcp.yml is unreadable.
 */
@Command(
    name = "list",
    mixinStandardHelpOptions = true,
    description = "Connect to each server in mcp.yml and list its tools.")
final class McpListCommand implements Callable<Integer> {
  static final int EXIT_SERVER_FAILED = 1;
  static final int EXIT_BAD_CONFIG = 2;

  @Option(names = "--home", description = "Coracle home (default: $CORACLE_HOME or ~/.coracle).")
  Path home;

  @Option(
      names = "--timeout",
      defaultValue = "60",
      description = "Seconds to wait for each server (default: ${DEFAULT-VALUE}).")
  int timeoutSeconds;

  @Override
  public Integer call() {
    Map<String, String> env = System.getenv();
    Path coracleHome = home != null ? home.toAbsolutePath() : CoracleHome.resolve(env);
    Path file = coracleHome.resolve(McpConfigFile.FILE_NAME);
    List<McpServerSpec> specs;
    try {
      specs = McpConfigFile.read(file, env);
    } catch (McpConfigException e) {
      System.err.println("coracle: " + e.getMessage());
      return EXIT_BAD_CONFIG;
    }
    if (specs.isEmpty()) {
      System.out.println("no MCP servers in " + file);
      return 0;
    }
    boolean allOk = true;
    for (McpServerSpec spec : specs) {
      try (McpConnection connection = new McpConnection(spec, Duration.ofSeconds(timeoutSeconds))) {
        McpServerStatus status = McpServerStatus.of(connection);
        print(status, System.out);
        allOk &= status.ok();
      }
    }
    return allOk ? 0 : EXIT_SERVER_FAILED;
  }

  static void print(McpServerStatus status, PrintStream out) {
    if (status.ok()) {
      out.println(
          status.name()
              + "  "
              + status.transport()
              + "  ok  "
              + status.tools().size()
              + " tools: "
              + String.join(", ", status.tools()));
    } else {
      out.println(status.name() + "  " + status.transport() + "  failed: " + status.error());
    }
  }
}
