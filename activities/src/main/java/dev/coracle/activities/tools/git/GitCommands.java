package dev.coracle.activities.tools.git;

import dev.coracle.activities.config.LoadedConfig;
import dev.coracle.activities.tools.ToolContext;
import dev.coracle.activities.tools.ToolException;
import dev.coracle.activities.tools.ToolOutput;
import dev.coracle.activities.tools.ToolSettings;
import dev.coracle.activities.tools.WorkspaceChanges;
import dev.coracle.activities.tools.shell.SandboxedCommands;
import dev.coracle.activities.workspace.CommandResult;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.time.Duration;
import java.util.List;

/**
 * Runs git for the git tools, in the workspace's own repository only, through the {@link
 * HardenedGit} launcher, and describes the outcome for the model.
 */
@Singleton
public class GitCommands {

  private final HardenedGit git;
  private final Duration timeout;

  public GitCommands(HardenedGit git, LoadedConfig loaded) {
    this.git = git;
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
          "git " + subcommand(args) + " failed (" + status + "):\n" + output, true, changed);
    }
    return new ToolOutput(output.isBlank() ? quiet : output, false, changed);
  }

  /**
   * Runs git and returns what it did, for checks before the real command.
   *
   * @throws ToolException when the workspace is not a git repository
   */
  CommandResult raw(ToolContext context, List<String> args) throws IOException {
    CommandResult result =
        git.run(
            context.workspace(),
            args,
            timeout,
            SandboxedCommands.CAPTURE_BYTES,
            context::heartbeat);
    if (result.exitCode() == 128 && result.output().contains("not a git repository")) {
      throw new ToolException(
          "The workspace is not a git repository; create one with run_shell: git init");
    }
    return result;
  }

  /** The git command's name, after any {@code -c name=value} settings before it. */
  private static String subcommand(List<String> args) {
    int i = 0;
    while (i < args.size() - 1 && args.get(i).equals("-c")) {
      i += 2;
    }
    return args.get(i);
  }

  /** Workspace-relative paths for git, each checked by the jail. */
  static List<String> paths(ToolContext context, List<String> asked) {
    return asked.stream()
        .map(path -> context.jail().relative(context.jail().resolve(path)))
        .toList();
  }
}
