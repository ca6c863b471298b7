package dev.coracle.activities.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.coracle.activities.tools.shell.SandboxStatus;
import dev.coracle.activities.workspace.TestWorkspaces;
import dev.coracle.workflows.job.ToolResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the sandbox does to a command, on this machine. The bubblewrap tests run where bubblewrap
 * works (CI installs it) and are skipped elsewhere; the fallback is tested everywhere.
 */
class SandboxTest {

  @TempDir Path dir;

  /** A directory a test made outside its temporary directory, removed after it. */
  Path cleanUp;

  @AfterEach
  void removeOutside() throws IOException {
    if (cleanUp != null) {
      try (java.util.stream.Stream<Path> files = Files.walk(cleanUp)) {
        for (Path file : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
          Files.delete(file);
        }
      }
    }
  }

  @Test
  void with_sandbox_none_commands_run_under_process_limits_and_the_status_says_so()
      throws IOException {
    try (ToolHarness harness = new ToolHarness(dir, sandbox("none"))) {
      String status = harness.context.getBean(SandboxStatus.class).describe();
      assertThat(status).startsWith("process limits only: tools.shell.sandbox is none; ");
      assumeThat(status).as("prlimit is installed").contains("prlimit:");

      ToolResult limits = harness.shell("cat /proc/self/limits");

      assertThat(limits.output())
          .containsPattern("Max file size\\s+1073741824\\s+1073741824")
          .containsPattern("Max processes\\s+4096\\s+4096")
          .containsPattern("Max core file size\\s+0\\s+0");
    }
  }

  @Test
  void auto_without_a_working_bubblewrap_refuses_run_shell_and_says_how_to_fix_it()
      throws IOException {
    try (ToolHarness harness = new ToolHarness(dir, sandbox("auto", "/nonexistent/bwrap"))) {
      ToolResult refused = harness.shell("touch ran.txt");

      assertThat(refused.error()).isTrue();
      assertThat(refused.output())
          .isEqualTo(
              "run_shell is off because there is no working sandbox: bubblewrap is not installed"
                  + " (no program at tools.shell.bwrap: /nonexistent/bwrap). Install bubblewrap"
                  + " (Debian/Ubuntu: sudo apt install bubblewrap; Fedora: sudo dnf install"
                  + " bubblewrap) and restart coracle, or set tools.shell.sandbox: none in"
                  + " coracle.yml to run commands without a sandbox.");
      assertThat(harness.workspace.resolve("ran.txt")).doesNotExist();
      assertThat(harness.context.getBean(SandboxStatus.class).summary())
          .startsWith("auto — run_shell is off (no working sandbox: ");
    }
  }

  @Test
  void an_explicit_none_runs_commands_without_bubblewrap_even_where_none_works()
      throws IOException {
    try (ToolHarness harness = new ToolHarness(dir, sandbox("none", "/nonexistent/bwrap"))) {
      ToolResult ran = harness.shell("touch ran.txt");

      assertThat(ran.error()).as(ran.output()).isFalse();
      assertThat(harness.workspace.resolve("ran.txt")).exists();
    }
  }

  @Test
  void bubblewrap_keeps_everything_but_the_workspace_read_only() throws IOException {
    try (ToolHarness harness = bubblewrap()) {
      Path outside = dir.resolve("outside.txt");
      Path varTmp = Path.of("/var/tmp", "coracle-" + UUID.randomUUID());

      ToolResult etc = harness.shell("touch /etc/coracle-sandbox-test");
      // Next to the workspace, under /tmp: the write lands in the command's private /tmp.
      ToolResult sibling = harness.shell("touch " + outside);
      ToolResult shared = harness.shell("touch " + varTmp);
      ToolResult inside = harness.shell("touch made-inside.txt");

      assertThat(etc.error()).isTrue();
      assertThat(etc.output()).contains("Read-only file system");
      assertThat(Path.of("/etc/coracle-sandbox-test")).doesNotExist();
      assertThat(sibling.output()).startsWith("Exit code");
      assertThat(outside).doesNotExist();
      assertThat(shared.error()).isTrue();
      assertThat(varTmp).doesNotExist();
      assertThat(inside.error()).isFalse();
      assertThat(harness.workspace.resolve("made-inside.txt")).exists();
    }
  }

  @Test
  void git_runs_inside_bubblewrap_too_so_a_git_directory_outside_the_workspace_stays_unwritten()
      throws IOException {
    try (ToolHarness harness = bubblewrap()) {
      // Not under /tmp, which the sandbox replaces with its own: there it would simply be absent.
      Path outside = Path.of("/var/tmp", "coracle-" + UUID.randomUUID() + ".git");
      cleanUp = outside;
      TestWorkspaces.git(
          dir,
          "init",
          "-q",
          "-b",
          "main",
          "--separate-git-dir=" + outside,
          harness.workspace.toString());
      TestWorkspaces.write(harness.workspace, "a.txt", "a\n");

      ToolResult add = harness.run("git_add", java.util.Map.of("paths", List.of("a.txt")));

      assertThat(add.error()).isTrue();
      assertThat(add.output()).startsWith("git add failed").contains("Read-only file system");
      assertThat(outside.resolve("index")).doesNotExist();
    }
  }

  @Test
  void bubblewrap_gives_each_command_a_private_tmp() throws IOException {
    try (ToolHarness harness = bubblewrap()) {
      String name = "coracle-" + UUID.randomUUID();

      ToolResult result = harness.shell("touch /tmp/" + name);

      assertThat(result.error()).isFalse();
      assertThat(Path.of("/tmp", name)).doesNotExist();
    }
  }

  @Test
  void bubblewrap_leaves_the_command_no_network() throws IOException {
    List<String> hostInterfaces = interfaces(Files.readString(Path.of("/proc/net/dev")));
    assumeThat(hostInterfaces)
        .as("this machine has a network")
        .contains("lo")
        .hasSizeGreaterThan(1);
    try (ToolHarness harness = bubblewrap()) {
      ToolResult result = harness.shell("cat /proc/net/dev");

      assertThat(interfaces(result.output())).containsExactly("lo");
    }
  }

  @Test
  void bubblewrap_hides_coracle_and_its_environment_even_from_a_script() throws IOException {
    try (ToolHarness harness = bubblewrap()) {
      // The command-line check cannot see into a script; the sandbox must stop it.
      Path script = harness.workspace.resolve("peek.sh");
      Files.writeString(
          script, "#!/bin/sh\nfor f in /proc/[0-9]*/environ; do tr '\\0' '\\n' < $f; done\n");
      Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));

      ToolResult result = harness.shell("./peek.sh");

      assertThat(result.error()).isFalse();
      assertThat(RunShellToolTest.variables(result.output().lines().skip(1)).keySet())
          .isNotEmpty()
          .isSubsetOf(RunShellToolTest.ALLOWED);
    }
  }

  private ToolHarness bubblewrap() throws IOException {
    ToolHarness harness = new ToolHarness(dir, sandbox("auto"));
    String status = harness.context.getBean(SandboxStatus.class).describe();
    if (!status.startsWith("bubblewrap")) {
      harness.close();
    }
    assumeThat(status).as("bubblewrap works on this machine").startsWith("bubblewrap");
    return harness;
  }

  private static String sandbox(String mode) {
    return sandbox(mode, "");
  }

  /** The configuration of a sandbox mode; a bwrap that does not exist stands for none working. */
  private static String sandbox(String mode, String bwrap) {
    return """
        tools:
          shell:
            sandbox: %s
            bwrap: "%s"
        """
        .formatted(mode, bwrap);
  }

  private static List<String> interfaces(String procNetDev) {
    return procNetDev
        .lines()
        .filter(line -> line.contains(":") && !line.contains("|"))
        .map(line -> line.substring(0, line.indexOf(':')).strip())
        .toList();
  }
}
