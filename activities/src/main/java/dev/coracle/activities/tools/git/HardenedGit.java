package dev.coracle.activities.tools.git;

import dev.coracle.activities.tools.ToolException;
import dev.coracle.activities.tools.shell.Executables;
import dev.coracle.activities.tools.shell.SandboxStatus;
import dev.coracle.activities.workspace.CommandResult;
import dev.coracle.activities.workspace.CommandRunner;
import dev.coracle.activities.workspace.SafeEnvironment;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one way coracle starts git — the git tools, the consolidate step's summary, the workspace
 * snapshot. Every process runs in the git sandbox (bubblewrap when it works here), with an
 * environment built from nothing, and with every program a repository could name switched off (see
 * {@link GitHardening} and {@link RepositoryDrivers}). Nothing a repository's configuration, hooks
 * or attributes name runs, with bubblewrap or without it.
 */
@Singleton
public class HardenedGit {

  static final Path DEFAULT_GIT = Path.of("/usr/bin/git");

  /** Always before the subcommand: no pager, and a path is a path, never pathspec magic. */
  static final List<String> GLOBAL_OPTIONS = List.of("--no-pager", "--literal-pathspecs");

  /**
   * Submodules' commits are compared, their working trees never: that would run git inside each
   * with its own configuration, which these launches do not inspect.
   */
  public static final String NO_SUBMODULE_CHANGES = "--ignore-submodules=dirty";

  /** The branch and the changed files, as the git_status tool and the workspace summary show. */
  public static final List<String> STATUS =
      List.of("status", "--short", "--branch", NO_SUBMODULE_CHANGES);

  /** A configuration listing bigger than this is refused rather than read in part. */
  static final int LISTING_BYTES = 1024 * 1024;

  /** Rounds of listing, each with the overrides the last one found needed, before giving up. */
  static final int ROUNDS = 3;

  private final SandboxStatus sandbox;
  private final Path home;

  public HardenedGit(SandboxStatus sandbox) {
    this.sandbox = sandbox;
    try {
      // Empty, private, and outside every workspace: git finds no configuration there.
      this.home = Files.createTempDirectory("coracle-git-home-");
      home.toFile().deleteOnExit();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create an empty home directory for git", e);
    }
  }

  /**
   * Runs {@code git <args>} in {@code workspace}.
   *
   * @param tick called while git runs, e.g. to heartbeat
   * @throws ToolException when git may not run here: no sandbox where one is required, git is not
   *     installed, or the repository's configuration names a program that could not be switched off
   */
  public CommandResult run(
      Path workspace, List<String> args, Duration timeout, int captureBytes, Runnable tick)
      throws IOException {
    Path git = git();
    Map<String, String> config = new LinkedHashMap<>(GitHardening.OVERRIDES);
    for (int round = 0; ; round++) {
      CommandResult listing =
          launch(
              git,
              workspace,
              config,
              List.of("config", "--list", "--includes", "-z"),
              timeout,
              LISTING_BYTES,
              tick);
      if (listing.timedOut() || listing.exitCode() != 0) {
        // A configuration git cannot read fails every command the same way; this says why.
        return listing;
      }
      Map<String, String> needed = stillNeeded(listing);
      if (needed.isEmpty()) {
        break;
      }
      if (round == ROUNDS - 1) {
        throw new ToolException(
            "git does not run in this workspace: its configuration names programs that could not"
                + " be switched off ("
                + String.join(", ", needed.keySet())
                + ").");
      }
      config.putAll(needed);
    }
    return launch(git, workspace, config, args, timeout, captureBytes, tick);
  }

  private static Map<String, String> stillNeeded(CommandResult listing) {
    if (listing.outputBytes() > LISTING_BYTES) {
      throw new ToolException(
          "git does not run in this workspace: its configuration is larger than "
              + LISTING_BYTES / 1024
              + " KiB.");
    }
    try {
      return RepositoryDrivers.stillNeeded(listing.output());
    } catch (IllegalArgumentException e) {
      throw new ToolException("git does not run in this workspace: " + e.getMessage() + ".");
    }
  }

  private CommandResult launch(
      Path git,
      Path workspace,
      Map<String, String> config,
      List<String> args,
      Duration timeout,
      int captureBytes,
      Runnable tick)
      throws IOException {
    List<String> argv = new ArrayList<>();
    argv.add(git.toString());
    argv.addAll(GLOBAL_OPTIONS);
    argv.addAll(args);
    Map<String, String> environment =
        GitHardening.environment(workspace, home, git.getParent(), config);
    List<String> command = sandbox.gitSandbox().wrap(argv, workspace, environment);
    return CommandRunner.run(command, workspace, environment, timeout, captureBytes, tick);
  }

  private static Path git() {
    if (Files.isExecutable(DEFAULT_GIT)) {
      return DEFAULT_GIT;
    }
    return Executables.find("git", SafeEnvironment.searchPath())
        .filter(Path::isAbsolute)
        .orElseThrow(() -> new ToolException("git is not installed on this machine."));
  }
}
