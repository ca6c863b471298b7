package dev.coracle.activities.workspace;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The branch, uncommitted changes and recent commits of a workspace that is a git repository. */
final class GitSummary {

  static final String GIT = "/usr/bin/git";

  /** Git answers these in milliseconds; a hang (a lock, a network file system) must not stall. */
  static final Duration TIMEOUT = Duration.ofSeconds(10);

  static final int CAPTURE_BYTES = 256 * 1024;

  private GitSummary() {}

  /** Empty when the workspace is not in a git repository, or git cannot run. */
  static Optional<String> of(Path workspace) {
    try {
      CommandResult status = git(workspace, "status", "--short", "--branch");
      if (status.exitCode() != 0 || status.timedOut()) {
        return Optional.empty();
      }
      CommandResult log = git(workspace, "log", "-5", "--date=short", "--format=%h %ad %s");
      String commits = log.exitCode() == 0 ? log.output() : "(no commits yet)\n";
      return Optional.of(
          "$ git status --short --branch\n" + status.output() + "\n$ git log -5\n" + commits);
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private static CommandResult git(Path workspace, String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of(GIT, "--no-pager", "-c", "color.ui=false"));
    command.addAll(List.of(args));
    return CommandRunner.run(command, workspace, TIMEOUT, CAPTURE_BYTES, () -> {});
  }
}
