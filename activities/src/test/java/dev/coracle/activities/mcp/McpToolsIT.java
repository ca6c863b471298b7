package dev.coracle.activities.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coracle.activities.store.MutableClock;
import dev.coracle.activities.tools.ToolActivitiesImpl;
import dev.coracle.activities.workspace.TestWorkspaces;
import dev.coracle.workflows.chat.RequestClass;
import dev.coracle.workflows.chat.ToolCall;
import dev.coracle.workflows.chat.ToolDefinition;
import dev.coracle.workflows.job.JobToolset;
import dev.coracle.workflows.job.ToolInvocation;
import dev.coracle.workflows.job.ToolResult;
import io.micronaut.context.ApplicationContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reference MCP server ({@code @modelcontextprotocol/server-everything}, from npm) in mcp.yml,
 * seen through the tool activities a coding job uses.
 */
class McpToolsIT {
  @TempDir Path dir;
  private Path home;
  private Path workspace;
  private ApplicationContext context;
  private ToolActivitiesImpl tools;

  @BeforeAll
  static void installServer() throws Exception {
    McpNodePackages.install();
  }

  @BeforeEach
  void start() throws Exception {
    home = dir.resolve("home");
    workspace = Files.createDirectories(dir.resolve("ws")).toRealPath();
    context =
        TestWorkspaces.start(
            dir.resolve("coracle.db"),
            new MutableClock(Instant.parse("2026-11-20T12:00:00Z")),
            TestWorkspaces.config(home, "{}"));
    tools = context.getBean(ToolActivitiesImpl.class);
  }

  @AfterEach
  void stop() {
    context.close();
  }

  static String everything(String name) {
    return "servers:\n"
        + "  - name: "
        + name
        + "\n"
        + "    command: node\n"
        + "    args: [\""
        + McpNodePackages.everythingServer()
        + "\"]\n";
  }

  @Test
  void a_jobs_toolset_offers_the_mcp_servers_tools_and_a_call_returns_the_servers_answer()
      throws Exception {
    Files.writeString(home.resolve("mcp.yml"), everything("everything"));

    JobToolset toolset = tools.toolset("job-1", workspace.toString(), RequestClass.DEEP);

    ToolDefinition echo =
        toolset.definitions().stream()
            .filter(d -> d.name().equals("mcp__everything__echo"))
            .findFirst()
            .orElseThrow();
    assertThat(echo.parameters()).contains("\"message\"");
    assertThat(toolset.definitions()).extracting(ToolDefinition::name).contains("read_file");
    // The everything server marks echo read-only, so it may be re-run after a crash.
    assertThat(toolset.idempotent()).contains("mcp__everything__echo");

    ToolResult result = run("mcp__everything__echo", "{\"message\":\"hello from coracle\"}");
    assertThat(result.error()).isFalse();
    assertThat(result.output()).isEqualTo("Echo: hello from coracle");
  }

  @Test
  void a_tool_error_from_the_server_reaches_the_model_as_an_error_result() throws Exception {
    Files.writeString(home.resolve("mcp.yml"), everything("everything"));
    tools.toolset("job-1", workspace.toString(), RequestClass.DEEP);

    ToolResult result = run("mcp__everything__get-sum", "{\"a\":\"not a number\"}");

    assertThat(result.error()).isTrue();
    assertThat(result.output()).startsWith("mcp__everything__get-sum failed");
  }

  @Test
  void editing_mcp_yml_adds_a_server_without_a_restart() throws Exception {
    Files.writeString(home.resolve("mcp.yml"), "servers: []\n");
    assertThat(names()).noneMatch(name -> name.startsWith("mcp__"));

    Files.writeString(home.resolve("mcp.yml"), everything("added"));
    Files.setLastModifiedTime(home.resolve("mcp.yml"), FileTime.from(Instant.now().plusSeconds(5)));

    assertThat(names()).contains("mcp__added__echo");
    assertThat(run("mcp__added__echo", "{\"message\":\"again\"}").output())
        .isEqualTo("Echo: again");
  }

  @Test
  void a_server_that_cannot_start_leaves_the_other_tools_in_place() throws Exception {
    Files.writeString(
        home.resolve("mcp.yml"),
        "servers:\n  - name: broken\n    command: /nonexistent/mcp-server\n");

    assertThat(names()).contains("read_file").noneMatch(name -> name.startsWith("mcp__"));
  }

  private java.util.List<String> names() {
    return tools.toolset("job-1", workspace.toString(), RequestClass.DEEP).definitions().stream()
        .map(ToolDefinition::name)
        .toList();
  }

  private ToolResult run(String tool, String arguments) {
    return tools.run(
        new ToolInvocation("job-1", workspace.toString(), 1, new ToolCall("c1", tool, arguments)));
  }
}
