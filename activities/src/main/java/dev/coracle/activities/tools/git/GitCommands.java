package dev.coracle.activities.tools.git;

import dev.coracle.activities.config.LoadedConfig;
import dev.coracle.activities.tools.ToolContext;
import dev.coracle.activities.tools.ToolException;
import dev.coracle.activities.tools.ToolOutput;
import dev.coracle.activities.tools.ToolSettings;
import dev.coracle.activities.tools.WorkspaceChanges;
import dev.coracle.activities.tools.shell.Executables;
import dev.coracle.activities.tools.shell.SandboxedCommands;
import dev.coracle.activities.workspace.CommandResult;
import dev.coracle.activities.workspace.SafeEnvironment;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs the git CLI for the git tools: in the workspace's own repository only, in the same sandbox
 * and scrubbed environment as run_shell, and with everything turned off that would let a repository
 * run programs of its choosing — hooks, an fsmonitor, pagers, external diff drivers.
 */
@Singleton
public class GitCommands {

  static final Path DEFAULT_GIT = Path.of("/usr/bin/git");

  private static final List<String> SAFE_OPTIONS =
      List.of(
          "--no-pager",
          // A path the model names is a path, never pathspec magic such as :(top) or a glob.
          "--literal-pathspecs",
          "-c",
          "core.hooksPath=/dev/null",
          "-c",
          "core.fsmonitor=false",
          "-c",
          "core.pager=cat",
          "-c",
          "color.ui=never",
          "-c",
          "commit.gpgsign=false");

  private final SandboxedCommands commands;
  private final Duration timeout;

  public GitCommands(SandboxedCommands commands, LoadedConfig loaded) {
    this.commands = commands;
    this.timeout = Duration.ofSeconds(ToolSettings.of(loaded).shellTimeoutSeconds());
  }

  /**
   * Runs git and describes the outcome for the model; a command that may change files reports
   * which.
   */
  ToolOutput run(ToolContext context, List<String> args, boolean changesFiles, String quiet)
      throws IOException {
    WorkspaceChanges before = changesFiles ? WorkspaceChanges.scan(context.workspace()) : null;
    CommandResult result = raw(context, args);
    List<String> changed =
        changesFiles ? WorkspaceChanges.scan(context.workspace()).since(before) : List.of();
    String output = result.output();
    if (result.timedOut() || result.exitCode() != 0) {
      String status =
          result.timedOut()
              ? "timed out after " + timeout.toSeconds() + " s"
              : "exit code " + result.exitCode();
      return new ToolOutput(
          "git " + args.get(0) + " failed (" + status + "):\n" + output, true, changed);
    }
    return new ToolOutput(output.isBlank() ? quiet : output, false, changed);
  }

  /**
   * Runs git and returns what it did, for checks before the real command.
   *
   * @throws ToolException when the workspace is not a git repository
   */
  CommandResult raw(ToolContext context, List<String> args) throws IOException {
    List<String> argv = new ArrayList<>();
    argv.add(git().toString());
    argv.addAll(SAFE_OPTIONS);
    argv.addAll(args);
    CommandResult result = commands.run(context, argv, environment(context.workspace()), timeout);
    if (result.exitCode() == 128 && result.output().contains("not a git repository")) {
      throw new ToolException(
          "The workspace is not a git repository; create one with run_shell: git init");
    }
    return result;
  }

  /** Workspace-relative paths for git, each checked by the jail. */
  static List<String> paths(ToolContext context, List<String> asked) {
    return asked.stream()
        .map(path -> context.jail().relative(context.jail().resolve(path)))
        .toList();
  }

  /**
   * No system config, no prompts, and no looking above the workspace for a repository: a workspace
   * inside some other repository must not let git change that one.
   */
  private static Map<String, String> environment(Path workspace) {
    Path parent = workspace.getParent();
    return Map.of(
        "GIT_CONFIG_NOSYSTEM", "1",
        "GIT_TERMINAL_PROMPT", "0",
        "GIT_PAGER", "cat",
        "PAGER", "cat",
        "GIT_CEILING_DIRECTORIES", parent == null ? "/" : parent.toString());
  }

  private static Path git() {
    if (Files.isExecutable(DEFAULT_GIT)) {
      return DEFAULT_GIT;
    }
    return Executables.find("git", SafeEnvironment.searchPath())
        .orElseThrow(() -> new ToolException("git is not installed on this machine."));
  }
}
