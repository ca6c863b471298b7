package dev.coracle.activities.workspace;

import dev.coracle.activities.tools.ToolException;
import dev.coracle.activities.tools.git.HardenedGit;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The branch, uncommitted changes and recent commits of a workspace that is a git repository, read
 * through the {@link HardenedGit} launcher like every other git command coracle runs.
 */
final class GitSummary {

  /** Git answers these in milliseconds; a hang (a lock, a network file system) must not stall. */
  static final Duration TIMEOUT = Duration.ofSeconds(10);

  static final int CAPTURE_BYTES = 256 * 1024;

  private GitSummary() {}

  /**
   * Empty when the workspace is not in a git repository, or git cannot or may not run there (no
   * sandbox where one is required, a configuration that names programs it cannot switch off).
   */
  static Optional<String> of(HardenedGit git, Path workspace) {
    try {
      CommandResult status =
          git.run(workspace, HardenedGit.STATUS, TIMEOUT, CAPTURE_BYTES, () -> {});
      if (status.exitCode() != 0 || status.timedOut()) {
        return Optional.empty();
      }
      CommandResult log =
          git.run(
              workspace,
              List.of("log", "-5", "--date=short", "--format=%h %ad %s"),
              TIMEOUT,
              CAPTURE_BYTES,
              () -> {});
      String commits = log.exitCode() == 0 ? log.output() : "(no commits yet)\n";
      return Optional.of(
          "$ git status --short --branch\n" + status.output() + "\n$ git log -5\n" + commits);
    } catch (IOException | ToolException e) {
      return Optional.empty();
    }
  }
}
