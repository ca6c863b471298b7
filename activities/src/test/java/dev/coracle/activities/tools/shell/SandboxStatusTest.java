package dev.coracle.activities.tools.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coracle.activities.tools.ToolException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SandboxStatusTest {

  static final String NOTHING_INSTALLED = "/nonexistent-bin";

  @Test
  void auto_without_bubblewrap_falls_back_and_says_why() {
    ShellSandbox sandbox = SandboxStatus.choose("auto", NOTHING_INSTALLED);

    assertThat(sandbox.describe())
        .isEqualTo(
            "process limits only: bubblewrap is not installed (no bwrap on PATH); no resource"
                + " limits (prlimit is not installed), only the time limit");
    assertThat(sandbox.wrap(List.of("ls"), Path.of("/tmp"), Map.of())).containsExactly("ls");
  }

  @Test
  void bubblewrap_required_but_missing_refuses_every_command() {
    ShellSandbox sandbox = SandboxStatus.choose("bubblewrap", NOTHING_INSTALLED);

    assertThat(sandbox.describe())
        .isEqualTo(
            "no commands run: tools.shell.sandbox is bubblewrap, but bubblewrap is not installed"
                + " (no bwrap on PATH)");
    assertThatThrownBy(() -> sandbox.wrap(List.of("ls"), Path.of("/tmp"), Map.of()))
        .isInstanceOf(ToolException.class)
        .hasMessage(
            "No command can run: tools.shell.sandbox is bubblewrap, but bubblewrap is not"
                + " installed (no bwrap on PATH).");
  }

  @Test
  void none_never_uses_bubblewrap_even_where_it_is_installed() {
    ShellSandbox sandbox = SandboxStatus.choose("none", "/usr/bin:/bin");

    assertThat(sandbox.describe()).startsWith("process limits only: tools.shell.sandbox is none");
    assertThat(sandbox.wrap(List.of("ls"), Path.of("/tmp"), Map.of())).doesNotContain("bwrap");
  }
}
