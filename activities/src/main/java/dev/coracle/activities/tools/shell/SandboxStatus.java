package dev.coracle.activities.tools.shell;

import dev.coracle.activities.config.LoadedConfig;
import dev.coracle.activities.tools.ToolSettings;
import dev.coracle.activities.workspace.CommandResult;
import dev.coracle.activities.workspace.CommandRunner;
import dev.coracle.activities.workspace.SafeEnvironment;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The isolation commands from models run in, chosen once at start-up from {@code
 * tools.shell.sandbox}: {@code auto} uses bubblewrap when it works on this machine and falls back
 * to process limits, {@code bubblewrap} insists on it, {@code none} never uses it.
 */
@Singleton
public class SandboxStatus {

  static final Duration PROBE_TIMEOUT = Duration.ofSeconds(10);

  private final ShellSandbox sandbox;

  public SandboxStatus(LoadedConfig loaded) {
    this(choose(ToolSettings.of(loaded).shell().sandbox(), SafeEnvironment.searchPath()));
  }

  SandboxStatus(ShellSandbox sandbox) {
    this.sandbox = sandbox;
  }

  /** The sandbox every run_shell and git command goes through. */
  public ShellSandbox sandbox() {
    return sandbox;
  }

  /** E.g. "bubblewrap 0.8.0: read-only root, …" or "process limits only: bubblewrap is …". */
  public String describe() {
    return sandbox.describe();
  }

  static ShellSandbox choose(String mode, String searchPath) {
    ProcessLimits limits = ProcessLimits.detect(searchPath);
    String normalized = mode == null ? "auto" : mode.trim().toLowerCase(java.util.Locale.ROOT);
    if (normalized.equals("none")) {
      return new LimitsOnly(limits, "tools.shell.sandbox is none");
    }
    Optional<Path> bwrap = Executables.find("bwrap", searchPath);
    String problem =
        bwrap.isEmpty() ? "bubblewrap is not installed (no bwrap on PATH)" : probe(bwrap.get());
    if (problem == null) {
      return new Bubblewrap(bwrap.get(), version(bwrap.get()), limits);
    }
    return normalized.equals("bubblewrap")
        ? new Refusing(problem)
        : new LimitsOnly(limits, problem);
  }

  /** Null when bubblewrap can build a sandbox here, else why not. */
  private static String probe(Path bwrap) {
    try {
      CommandResult result = run(Bubblewrap.probe(bwrap));
      if (result.exitCode() == 0 && !result.timedOut()) {
        return null;
      }
      String reason = result.output().strip().lines().findFirst().orElse("no output");
      return "bwrap does not work here (" + reason + ")";
    } catch (IOException e) {
      return "bwrap cannot be started (" + e.getMessage() + ")";
    }
  }

  private static String version(Path bwrap) {
    try {
      String output = run(List.of(bwrap.toString(), "--version")).output().strip();
      return output.isEmpty() ? "bubblewrap" : output.lines().findFirst().orElseThrow();
    } catch (IOException e) {
      return "bubblewrap";
    }
  }

  private static CommandResult run(List<String> command) throws IOException {
    return CommandRunner.run(command, Path.of("/"), PROBE_TIMEOUT, 4096, () -> {});
  }
}
