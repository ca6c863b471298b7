package dev.coracle.activities.tools.shell;

import dev.coracle.activities.config.CoracleConfig.ShellConfig;
import dev.coracle.activities.config.LoadedConfig;
import dev.coracle.activities.tools.ToolSettings;
import dev.coracle.activities.workspace.CommandResult;
import dev.coracle.activities.workspace.CommandRunner;
import dev.coracle.activities.workspace.SafeEnvironment;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The isolation commands run in, chosen once at start-up from {@code tools.shell.sandbox}: {@code
 * auto} uses bubblewrap when it works on this machine and otherwise turns run_shell off, {@code
 * bubblewrap} insists on it for everything, {@code none} never uses it.
 *
 * <p>Git is confined apart from run_shell: its hardened launcher runs no program a repository
 * names, so under {@code auto} without bubblewrap it still runs (under process limits), and the
 * consolidate step keeps its git summary.
 */
@Singleton
public class SandboxStatus {

  static final Duration PROBE_TIMEOUT = Duration.ofSeconds(10);

  private final String mode;
  private final Sandboxes sandboxes;

  public SandboxStatus(LoadedConfig loaded) {
    this(ToolSettings.of(loaded).shell(), SafeEnvironment.searchPath());
  }

  SandboxStatus(ShellConfig shell, String searchPath) {
    this.mode = mode(shell);
    this.sandboxes = choose(shell, searchPath);
  }

  /**
   * @param commands what run_shell's programs run in
   * @param git what the hardened git launcher runs git in
   */
  record Sandboxes(ShellSandbox commands, ShellSandbox git) {}

  /** The sandbox run_shell's commands go through. */
  public ShellSandbox sandbox() {
    return sandboxes.commands();
  }

  /** The sandbox every git process coracle starts goes through. */
  public ShellSandbox gitSandbox() {
    return sandboxes.git();
  }

  /** E.g. "bubblewrap 0.8.0: read-only root, …" or "run_shell is off (no working sandbox: …". */
  public String describe() {
    return sandboxes.commands().describe();
  }

  /** The configured mode and what it gives here, e.g. "auto — bubblewrap 0.8.0: …". */
  public String summary() {
    return mode + " — " + describe();
  }

  private static String mode(ShellConfig shell) {
    return shell.sandbox() == null ? "auto" : shell.sandbox().trim().toLowerCase(Locale.ROOT);
  }

  static Sandboxes choose(ShellConfig shell, String searchPath) {
    ProcessLimits limits = ProcessLimits.detect(searchPath);
    String mode = mode(shell);
    if (mode.equals("none")) {
      LimitsOnly none = new LimitsOnly(limits, "tools.shell.sandbox is none");
      return new Sandboxes(none, none);
    }
    Optional<Path> bwrap = bwrap(shell.bwrap(), searchPath);
    String problem = bwrap.isEmpty() ? missing(shell.bwrap()) : probe(bwrap.get());
    if (problem == null) {
      Bubblewrap bubblewrap = new Bubblewrap(bwrap.get(), version(bwrap.get()), limits);
      return new Sandboxes(bubblewrap, bubblewrap);
    }
    if (mode.equals("bubblewrap")) {
      Refusing refusing = Refusing.required(problem);
      return new Sandboxes(refusing, refusing);
    }
    return new Sandboxes(Refusing.noSandbox(problem), new LimitsOnly(limits, problem));
  }

  /** The configured program when one is set, else {@code bwrap} on the search path. */
  private static Optional<Path> bwrap(String configured, String searchPath) {
    if (configured == null || configured.isBlank()) {
      return Executables.find("bwrap", searchPath);
    }
    Path path = Path.of(configured);
    return Files.isRegularFile(path) && Files.isExecutable(path)
        ? Optional.of(path)
        : Optional.empty();
  }

  private static String missing(String configured) {
    return configured == null || configured.isBlank()
        ? "bubblewrap is not installed (no bwrap on PATH)"
        : "bubblewrap is not installed (no program at tools.shell.bwrap: " + configured + ")";
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
