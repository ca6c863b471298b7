package dev.coracle.activities.tools;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coracle.activities.workspace.TestWorkspaces;
import dev.coracle.workflows.job.ToolResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitToolsTest {

  @TempDir Path dir;

  ToolHarness harness;
  Path workspace;

  @BeforeEach
  void setUp() throws IOException {
    harness = new ToolHarness(dir, "{}");
    workspace = harness.workspace;
  }

  @AfterEach
  void tearDown() {
    harness.close();
  }

  @Test
  void a_change_goes_from_status_to_add_commit_and_log() throws IOException {
    init();
    TestWorkspaces.write(workspace, "hello.txt", "hello\n");

    assertThat(git("git_status").output()).isEqualTo("## No commits yet on main\n?? hello.txt\n");
    assertThat(git("git_add", "paths", List.of("hello.txt")).output()).isEqualTo("A  hello.txt\n");
    ToolResult commit = git("git_commit", "message", "Say hello");
    assertThat(commit.error()).as(commit.output()).isFalse();
    assertThat(commit.output()).contains("Say hello").contains("1 file changed");

    ToolResult log = git("git_log", "count", 5);
    assertThat(log.output()).matches("[0-9a-f]{7,} \\d{4}-\\d{2}-\\d{2} coracle: Say hello\n");
    assertThat(TestWorkspaces.git(workspace, "log", "-1", "--format=%an <%ae>").strip())
        .isEqualTo("coracle <coracle@localhost>");
    assertThat(git("git_status").output()).isEqualTo("## main\n");
  }

  @Test
  void a_repository_with_its_own_identity_commits_as_that_identity() throws IOException {
    init();
    TestWorkspaces.git(workspace, "config", "user.name", "Ada");
    TestWorkspaces.git(workspace, "config", "user.email", "ada@example.com");
    TestWorkspaces.write(workspace, "a.txt", "a\n");
    git("git_add", "paths", ".");

    git("git_commit", "message", "First");

    assertThat(TestWorkspaces.git(workspace, "log", "-1", "--format=%an <%ae>").strip())
        .isEqualTo("Ada <ada@example.com>");
  }

  @Test
  void diff_shows_unstaged_and_staged_changes_and_restore_undoes_them() throws IOException {
    committed("a.txt", "one\n");
    Files.writeString(workspace.resolve("a.txt"), "two\n");

    assertThat(git("git_diff").output()).contains("-one\n+two\n");
    assertThat(git("git_diff", "staged", true).output()).isEqualTo("No differences.");

    git("git_add", "paths", List.of("a.txt"));
    assertThat(git("git_diff", "staged", true, "path", "a.txt").output()).contains("-one\n+two\n");

    ToolResult unstaged = git("git_restore", "paths", List.of("a.txt"), "staged", true);
    assertThat(unstaged.output()).isEqualTo("Unstaged; the changes are still in the files.");
    assertThat(workspace.resolve("a.txt")).hasContent("two");

    ToolResult restored = git("git_restore", "paths", List.of("a.txt"));
    assertThat(restored.error()).isFalse();
    assertThat(restored.changedFiles()).containsExactly("a.txt");
    assertThat(workspace.resolve("a.txt")).hasContent("one");
  }

  @Test
  void branches_are_listed_created_and_switched_and_bad_names_are_refused() throws IOException {
    committed("a.txt", "a\n");

    assertThat(git("git_branch", "name", "feature/x", "create", true).output())
        .contains("Switched to a new branch 'feature/x'");
    assertThat(git("git_branch").output()).isEqualTo("* feature/x\n  main\n");
    assertThat(git("git_branch", "name", "main").output()).contains("Switched to branch 'main'");

    for (String bad : new String[] {"-f", "a..b", "has space", "x~1", "end/"}) {
      ToolResult refused = git("git_branch", "name", bad, "create", true);
      assertThat(refused.error()).as(bad).isTrue();
      assertThat(refused.output()).as(bad).startsWith("\"" + bad + "\" is not a valid branch name");
    }
    assertThat(git("git_branch").output()).isEqualTo("  feature/x\n* main\n");
  }

  @Test
  void repository_hooks_never_run() throws IOException {
    init();
    // post-commit, because --no-verify would skip a pre-commit hook anyway.
    Path hook = workspace.resolve(".git/hooks/post-commit");
    Files.writeString(hook, "#!/bin/sh\ntouch hook-ran\n");
    Files.setPosixFilePermissions(hook, PosixFilePermissions.fromString("rwxr-xr-x"));
    TestWorkspaces.write(workspace, "a.txt", "a\n");
    git("git_add", "paths", ".");

    ToolResult commit = git("git_commit", "message", "No hooks");

    assertThat(commit.error()).as(commit.output()).isFalse();
    assertThat(workspace.resolve("hook-ran")).doesNotExist();
  }

  @Test
  void a_failed_command_is_named_even_after_identity_settings() throws IOException {
    init();

    ToolResult commit = git("git_commit", "message", "Nothing staged");

    assertThat(commit.error()).isTrue();
    assertThat(commit.output()).startsWith("git commit failed (exit code 1):");
  }

  @Test
  void paths_outside_the_workspace_are_refused() throws IOException {
    init();

    ToolResult add = git("git_add", "paths", List.of("../outside.txt"));
    ToolResult restore = git("git_restore", "paths", List.of("/etc/passwd"));

    assertThat(add.error()).isTrue();
    assertThat(add.output()).startsWith("The path \"../outside.txt\" is outside the workspace");
    assertThat(restore.output()).startsWith("The path \"/etc/passwd\" is outside the workspace");
  }

  @Test
  void a_workspace_that_is_not_a_repository_is_a_clear_error_even_inside_another_one()
      throws IOException {
    // The workspace's parent is a repository; git must not reach up into it.
    TestWorkspaces.git(dir, "init", "-q");

    ToolResult status = git("git_status");

    assertThat(status.error()).isTrue();
    assertThat(status.output())
        .isEqualTo("The workspace is not a git repository; create one with run_shell: git init");
  }

  private void init() throws IOException {
    TestWorkspaces.git(workspace, "init", "-q", "-b", "main");
  }

  private void committed(String file, String text) throws IOException {
    init();
    TestWorkspaces.write(workspace, file, text);
    TestWorkspaces.git(workspace, "add", file);
    TestWorkspaces.git(workspace, "commit", "-q", "-m", "start");
  }

  private ToolResult git(String tool, Object... keysAndValues) {
    Map<String, Object> arguments = new java.util.LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      arguments.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return harness.run(tool, arguments);
  }
}
