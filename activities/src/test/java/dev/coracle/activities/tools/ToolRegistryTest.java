package dev.coracle.activities.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.coracle.activities.store.MutableClock;
import dev.coracle.activities.workspace.TestWorkspaces;
import dev.coracle.workflows.chat.RequestClass;
import dev.coracle.workflows.chat.ToolDefinition;
import dev.coracle.workflows.job.JobToolset;
import io.micronaut.context.ApplicationContext;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ToolRegistryTest {

  @TempDir Path dir;

  @Test
  void the_toolset_offers_every_tool_bean_and_names_the_idempotent_ones() throws Exception {
    try (ApplicationContext context =
        TestWorkspaces.start(
            dir.resolve("coracle.db"),
            new MutableClock(Instant.parse("2026-11-20T12:00:00Z")),
            TestWorkspaces.config(dir.resolve("home"), "{}"))) {
      JobToolset toolset =
          context
              .getBean(ToolActivitiesImpl.class)
              .toolset("job-1", dir.toString(), RequestClass.DEEP);

      // Other tool families (web, browser, MCP) add their own; these are the workspace's.
      assertThat(toolset.definitions())
          .extracting(ToolDefinition::name)
          .isSorted()
          .contains(
              "edit_file",
              "git_add",
              "git_branch",
              "git_commit",
              "git_diff",
              "git_log",
              "git_restore",
              "git_status",
              "glob",
              "grep",
              "list_files",
              "read_file",
              "run_shell",
              "write_file");
      assertThat(toolset.idempotent())
          .contains("git_diff", "git_log", "git_status", "glob", "grep", "list_files", "read_file")
          .doesNotContain(
              "edit_file",
              "git_add",
              "git_branch",
              "git_commit",
              "git_restore",
              "run_shell",
              "write_file");
      ObjectMapper json = new ObjectMapper();
      for (ToolDefinition definition : toolset.definitions()) {
        assertThat(json.readTree(definition.parameters()).get("type").asText())
            .as(definition.name())
            .isEqualTo("object");
        assertThat(definition.description()).isNotBlank();
      }
      ToolDefinition shell =
          toolset.definitions().stream()
              .filter(definition -> definition.name().equals("run_shell"))
              .findFirst()
              .orElseThrow();
      assertThat(json.readTree(shell.parameters()).at("/required/0").asText()).isEqualTo("command");
    }
  }

  @Test
  void two_tools_with_one_name_are_refused_at_startup() {
    Tool first = new ReadFileTool();
    Tool second = new ReadFileTool();

    assertThatThrownBy(() -> new ToolRegistry(List.of(first, second)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("two tools are named read_file");
  }

  @Test
  void a_sources_tools_are_found_as_they_change_but_never_replace_a_built_in_tool() {
    List<Tool> offered = new java.util.ArrayList<>();
    ToolSource source = () -> List.copyOf(offered);
    ToolRegistry registry = new ToolRegistry(List.of(new ReadFileTool()), List.of(source));
    assertThat(registry.find("list_files")).isEmpty();

    Tool listFiles = new ListFilesTool();
    offered.add(listFiles);
    offered.add(new ReadFileTool());

    assertThat(registry.find("list_files")).containsSame(listFiles);
    assertThat(registry.toolset(RequestClass.DEEP).definitions())
        .extracting(ToolDefinition::name)
        .containsExactly("list_files", "read_file");
    assertThat(registry.find("read_file").orElseThrow()).isNotSameAs(offered.get(1));
  }
}
