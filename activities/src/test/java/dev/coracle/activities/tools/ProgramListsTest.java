package dev.coracle.activities.tools;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coracle.workflows.job.ToolResult;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProgramListsTest {

  @TempDir Path dir;

  @Test
  void the_shipped_deny_list_refuses_sudo_even_through_a_launcher() throws IOException {
    try (ToolHarness harness = new ToolHarness(dir, "{}")) {
      ToolResult sudo = harness.shell("sudo id");
      ToolResult byPath = harness.shell("/usr/bin/sudo id");
      ToolResult viaEnv = harness.shell("env sudo id");

      assertThat(sudo.error()).isTrue();
      assertThat(sudo.output())
          .isEqualTo("sudo is on the deny list (tools.shell.deny) and never runs from run_shell.");
      assertThat(byPath.output()).startsWith("sudo is on the deny list");
      assertThat(viaEnv.output()).startsWith("env may not start sudo");
    }
  }

  @Test
  void an_allow_list_lets_only_its_programs_run() throws IOException {
    try (ToolHarness harness =
        new ToolHarness(
            dir,
            """
            tools:
              shell:
                allow: ["echo", "ls"]
            """)) {
      ToolResult allowed = harness.shell("echo hello");
      ToolResult other = harness.shell("cat /etc/hostname");

      assertThat(allowed.error()).isFalse();
      assertThat(allowed.output()).isEqualTo("Exit code 0.\nhello\n");
      assertThat(other.error()).isTrue();
      assertThat(other.output())
          .isEqualTo(
              "cat is not on the allow list (tools.shell.allow); run_shell may run only: echo,"
                  + " ls.");
    }
  }

  @Test
  void the_deny_list_wins_over_the_allow_list() throws IOException {
    try (ToolHarness harness =
        new ToolHarness(
            dir,
            """
            tools:
              shell:
                allow: ["sudo", "echo"]
            """)) {
      assertThat(harness.shell("sudo echo hi").output()).startsWith("sudo is on the deny list");
    }
  }
}
