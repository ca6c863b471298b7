package dev.coracle.activities.tools;

import static dev.coracle.activities.tools.TestTools.call;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.coracle.activities.store.MutableClock;
import dev.coracle.activities.workspace.TestWorkspaces;
import dev.coracle.workflows.job.ToolResult;
import io.micronaut.context.ApplicationContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

/** A started application with its tools, and a workspace to run them in, as a job would. */
final class ToolHarness implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();

  final Path workspace;
  final ApplicationContext context;
  final ToolActivitiesImpl tools;

  ToolHarness(Path dir, String configYaml) throws IOException {
    workspace = Files.createDirectories(dir.resolve("ws")).toRealPath();
    context =
        TestWorkspaces.start(
            dir.resolve("coracle.db"),
            new MutableClock(Instant.parse("2026-11-20T12:00:00Z")),
            TestWorkspaces.config(dir.resolve("home"), configYaml));
    tools = context.getBean(ToolActivitiesImpl.class);
  }

  /** Calls a tool with arguments given as a map, written to JSON as a model would send them. */
  ToolResult run(String tool, Map<String, ?> arguments) {
    try {
      return tools.run(call(workspace, tool, JSON.writeValueAsString(arguments)));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  ToolResult shell(String command) {
    return run("run_shell", Map.of("command", command));
  }

  @Override
  public void close() {
    context.close();
  }
}
