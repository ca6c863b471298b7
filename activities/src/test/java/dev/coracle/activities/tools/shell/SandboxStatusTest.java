package dev.coracle.activities.tools.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coracle.activities.config.CoracleConfig.ShellConfig;
import dev.coracle.activities.tools.ToolException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SandboxStatusTest {

  static final String NOTHING_INSTALLED = "/nonexistent-bin";

  @Test
  void auto_without_bubblewrap_turns_run_shell_off_and_says_how_to_get_it() {
    SandboxStatus status = new SandboxStatus(shell("auto", ""), NOTHING_INSTALLED);

    assertThatThrownBy(() -> status.sandbox().wrap(List.of("ls"), Path.of("/tmp"), Map.of()))
        .isInstanceOf(ToolException.class)
        .hasMessage(
            "run_shell is off because there is no working sandbox: bubblewrap is not installed (no"
                + " bwrap on PATH). Install bubblewrap (Debian/Ubuntu: sudo apt install"
                + " bubblewrap; Fedora: sudo dnf install bubblewrap) and restart coracle, or set"
                + " tools.shell.sandbox: none in coracle.yml to run commands without a sandbox.");
    assertThat(status.summary())
        .isEqualTo(
            "auto — run_shell is off (no working sandbox: bubblewrap is not installed (no bwrap on"
                + " PATH)); git runs hardened without a sandbox. Install bubblewrap (apt install"
                + " bubblewrap, dnf install bubblewrap) or set tools.shell.sandbox: none");
    // Git's own hardening runs nothing a repository names, so git still runs, under limits.
    assertThat(status.gitSandbox().wrap(List.of("git"), Path.of("/tmp"), Map.of()))
        .containsExactly("git");
  }

  @Test
  void auto_with_a_configured_bwrap_that_does_not_exist_is_the_same_as_none_installed() {
    SandboxStatus status = new SandboxStatus(shell("auto", "/nonexistent/bwrap"), "/usr/bin:/bin");

    assertThat(status.describe())
        .startsWith(
            "run_shell is off (no working sandbox: bubblewrap is not installed (no program at"
                + " tools.shell.bwrap: /nonexistent/bwrap))");
  }

  @Test
  void bubblewrap_required_but_missing_refuses_every_command_git_included() {
    SandboxStatus status = new SandboxStatus(shell("bubblewrap", ""), NOTHING_INSTALLED);

    assertThat(status.summary())
        .isEqualTo(
            "bubblewrap — no commands run: tools.shell.sandbox is bubblewrap, but bubblewrap is"
                + " not installed (no bwrap on PATH)");
    String refusal =
        "No command can run: tools.shell.sandbox is bubblewrap, but bubblewrap is not"
            + " installed (no bwrap on PATH).";
    assertThatThrownBy(() -> status.sandbox().wrap(List.of("ls"), Path.of("/tmp"), Map.of()))
        .isInstanceOf(ToolException.class)
        .hasMessage(refusal);
    assertThatThrownBy(() -> status.gitSandbox().wrap(List.of("git"), Path.of("/tmp"), Map.of()))
        .isInstanceOf(ToolException.class)
        .hasMessage(refusal);
  }

  @Test
  void none_never_uses_bubblewrap_even_where_it_is_installed() {
    SandboxStatus status = new SandboxStatus(shell("none", ""), "/usr/bin:/bin");

    assertThat(status.summary())
        .startsWith("none — process limits only: tools.shell.sandbox is none");
    assertThat(status.sandbox().wrap(List.of("ls"), Path.of("/tmp"), Map.of()))
        .doesNotContain("bwrap");
    assertThat(status.gitSandbox().wrap(List.of("git"), Path.of("/tmp"), Map.of()))
        .doesNotContain("bwrap");
  }

  private static ShellConfig shell(String sandbox, String bwrap) {
    return new ShellConfig(List.of(), List.of(), sandbox, bwrap);
  }
}
