package dev.coracle.activities.tools.shell;

import dev.coracle.activities.tools.ToolException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * No working sandbox and no opt-in to running without one, so nothing runs rather than running
 * unconfined.
 */
final class Refusing implements ShellSandbox {

  /** How to get a sandbox, or to do without one knowingly; run_shell's refusal says it. */
  static final String REMEDY =
      "Install bubblewrap (Debian/Ubuntu: sudo apt install bubblewrap; Fedora: sudo dnf install"
          + " bubblewrap) and restart coracle, or set tools.shell.sandbox: none in coracle.yml to"
          + " run commands without a sandbox.";

  private final String refusal;
  private final String description;

  private Refusing(String refusal, String description) {
    this.refusal = refusal;
    this.description = description;
  }

  /** {@code tools.shell.sandbox: bubblewrap} and bubblewrap does not work. */
  static Refusing required(String why) {
    return new Refusing(
        "No command can run: tools.shell.sandbox is bubblewrap, but " + why + ".",
        "no commands run: tools.shell.sandbox is bubblewrap, but " + why);
  }

  /** {@code tools.shell.sandbox: auto} and bubblewrap does not work: run_shell stays off. */
  static Refusing noSandbox(String why) {
    return new Refusing(
        "run_shell is off because there is no working sandbox: " + why + ". " + REMEDY,
        "run_shell is off (no working sandbox: "
            + why
            + "); git runs hardened without a sandbox. Install bubblewrap (apt install"
            + " bubblewrap, dnf install bubblewrap) or set tools.shell.sandbox: none");
  }

  @Override
  public List<String> wrap(List<String> argv, Path workspace, Map<String, String> environment) {
    throw new ToolException(refusal);
  }

  @Override
  public String describe() {
    return description;
  }
}
