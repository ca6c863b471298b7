package dev.coracle.activities.tools.shell;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs a command in a bubblewrap container: the whole file system read-only except the workspace
 * (mounted read-write at the same path, so paths in output mean the same outside), a private {@code
 * /tmp}, new namespaces for everything (so no network and no view of coracle's processes or their
 * environments), no capabilities, and nothing left running once coracle is gone.
 */
final class Bubblewrap implements ShellSandbox {

  private final Path bwrap;
  private final String version;
  private final ProcessLimits limits;

  Bubblewrap(Path bwrap, String version, ProcessLimits limits) {
    this.bwrap = bwrap;
    this.version = version;
    this.limits = limits;
  }

  @Override
  public List<String> wrap(List<String> argv, Path workspace, Map<String, String> environment) {
    String ws = workspace.toString();
    List<String> command = new ArrayList<>(limits.prefix());
    command.add(bwrap.toString());
    command.addAll(
        List.of(
            "--ro-bind",
            "/",
            "/",
            "--dev",
            "/dev",
            "--proc",
            "/proc",
            "--tmpfs",
            "/tmp",
            // After /tmp, so a workspace under /tmp is mounted over the private one.
            "--bind",
            ws,
            ws,
            "--chdir",
            ws,
            "--unshare-all",
            "--die-with-parent",
            "--new-session",
            "--cap-drop",
            "ALL",
            "--clearenv"));
    environment.forEach(
        (key, value) -> {
          command.add("--setenv");
          command.add(key);
          command.add(value);
        });
    command.add("--");
    command.addAll(argv);
    return command;
  }

  @Override
  public String describe() {
    return version
        + ": read-only root, workspace writable, private /tmp, no network; "
        + limits.describe();
  }

  /** The probe that decides whether bubblewrap works here: user namespaces may be turned off. */
  static List<String> probe(Path bwrap) {
    return List.of(
        bwrap.toString(),
        "--ro-bind",
        "/",
        "/",
        "--dev",
        "/dev",
        "--proc",
        "/proc",
        "--unshare-all",
        "--die-with-parent",
        "true");
  }
}
