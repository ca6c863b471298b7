package dev.coracle.activities.tools;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.coracle.activities.tools.git.MaliciousRepository;
import dev.coracle.activities.tools.shell.SandboxStatus;
import dev.coracle.activities.workspace.WorkspaceActivitiesImpl;
import dev.coracle.workflows.job.ToolResult;
import dev.coracle.workflows.job.WorkspaceContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A repository that names programs in every place git reads one from runs none of them through
 * coracle: not in the consolidate step's snapshot, not in any git tool, with bubblewrap and without
 * it. The traps leave canary files; the first test shows that plain git springs them.
 */
class GitConfigAttackTest {

  @TempDir Path dir;

  @Test
  void the_traps_are_live_for_plain_git() throws IOException {
    MaliciousRepository repo =
        MaliciousRepository.create(dir.resolve("ws"), dir.resolve("canaries"));

    repo.plainGit("status");
    repo.changeOtherFiltered();
    repo.plainGit("add", ".");
    // The process filter's trap does not speak its protocol, which would stop the rest.
    String noProcess = "filter.proc.process=";
    repo.plainGit(
        "-c", noProcess, "-c", "user.name=T", "-c", "user.email=t@e.org", "commit", "-m", "x");
    repo.plainGit("-c", noProcess, "diff", "--no-ext-diff", "HEAD");

    assertThat(repo.sprung())
        .contains(
            "fsmonitor",
            "filter-clean",
            "filter-clean-included",
            "filter-clean-gitconfig",
            "filter-clean-equals",
            "filter-clean-dotted",
            "hook-pre-commit",
            "textconv");
    assertThat(dir.resolve("canaries/fsmonitor")).exists();
  }

  /**
   * @param bwrap empty for bubblewrap as installed; a path that does not exist for a machine
   *     without it, where git runs with its hardening alone
   */
  @ParameterizedTest(name = "bwrap \"{0}\"")
  @ValueSource(strings = {"", "/nonexistent/bwrap"})
  void nothing_the_repository_names_runs_through_the_snapshot_or_any_git_tool(String bwrap)
      throws IOException {
    try (ToolHarness harness = new ToolHarness(dir, config(bwrap))) {
      String sandbox = harness.context.getBean(SandboxStatus.class).describe();
      if (bwrap.isEmpty()) {
        assumeThat(sandbox).as("bubblewrap works on this machine").startsWith("bubblewrap");
      } else {
        assertThat(sandbox).startsWith("run_shell is off");
      }
      Path ws = harness.workspace;
      MaliciousRepository repo = MaliciousRepository.create(ws, dir.resolve("canaries"));

      WorkspaceContext snapshot =
          harness
              .context
              .getBean(WorkspaceActivitiesImpl.class)
              .consolidate("job-1", ws.toString(), "Change notes.txt");
      assertThat(snapshot.text()).contains("## main", " M notes.txt");
      assertThat(repo.sprung()).as("after the snapshot").isEmpty();

      assertThat(tool(harness, "git_status").output()).contains(" M notes.txt");
      assertThat(tool(harness, "git_diff").output()).contains("+second");
      assertThat(tool(harness, "git_log").output()).contains("A repository that bites");
      Files.writeString(ws.resolve("data.bin"), "changed\n");
      repo.changeOtherFiltered();
      ToolResult added = tool(harness, "git_add", "paths", List.of("."));
      assertThat(added.error()).as(added.output()).isFalse();
      assertThat(tool(harness, "git_diff", "staged", true).output()).contains("+second");
      assertThat(repo.sprung()).as("after status, diff, log and add").isEmpty();

      ToolResult commit = tool(harness, "git_commit", "message", "Still safe");
      assertThat(commit.error()).as(commit.output()).isFalse();
      assertThat(tool(harness, "git_log", "count", 1).output()).contains("Still safe");
      ToolResult branch = tool(harness, "git_branch", "name", "feature", "create", true);
      assertThat(branch.error()).as(branch.output()).isFalse();
      assertThat(tool(harness, "git_branch", "name", "main").error()).isFalse();
      Files.writeString(ws.resolve("notes.txt"), "scribbled\n");
      ToolResult restored = tool(harness, "git_restore", "paths", List.of("notes.txt"));
      assertThat(restored.error()).as(restored.output()).isFalse();
      assertThat(ws.resolve("notes.txt")).hasContent("first\nsecond");

      assertThat(repo.sprung()).as("after commit, branch and restore").isEmpty();
    }
  }

  @Test
  void git_does_not_run_when_the_configuration_has_names_it_cannot_match_exactly()
      throws IOException {
    try (ToolHarness harness = new ToolHarness(dir, config(""))) {
      Path ws = harness.workspace;
      MaliciousRepository repo = MaliciousRepository.create(ws, dir.resolve("canaries"));
      // A driver name of bytes that are not UTF-8 cannot be written back to git exactly.
      Path config = ws.resolve(".git/config");
      byte[] odd = "[filter \"\u0000\"]\n\tclean = touch .git/sprung-odd\n".getBytes(UTF_8);
      odd[9] = (byte) 0xff;
      Files.write(config, odd, StandardOpenOption.APPEND);

      ToolResult status = tool(harness, "git_status");
      WorkspaceContext snapshot =
          harness
              .context
              .getBean(WorkspaceActivitiesImpl.class)
              .consolidate("job-1", ws.toString(), "Change notes.txt");

      assertThat(status.error()).isTrue();
      assertThat(status.output())
          .isEqualTo("git does not run in this workspace: the configuration is not valid UTF-8.");
      assertThat(snapshot.text()).doesNotContain("## Git");
      assertThat(repo.sprung()).isEmpty();
    }
  }

  private static ToolResult tool(ToolHarness harness, String name, Object... keysAndValues) {
    Map<String, Object> arguments = new java.util.LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      arguments.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return harness.run(name, arguments);
  }

  private String config(String bwrap) {
    return """
        jobs:
          workspaces: "%s"
          workspace-roots: ["%s"]
        tools:
          shell:
            sandbox: auto
            bwrap: "%s"
        """
        .formatted(dir.resolve("job-workspaces"), dir, bwrap);
  }
}
