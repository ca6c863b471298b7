package dev.coracle.activities.workspace;

import dev.coracle.activities.config.CoracleConfig.JobsConfig;
import dev.coracle.activities.config.LoadedConfig;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

/** Decides which directory a job works in. */
final class WorkspaceLocator {

  /** The failure type of a workspace that cannot be used; retrying would not change it. */
  static final String BAD_WORKSPACE = "BAD_WORKSPACE";

  /** Job ids become directory names, so they may not carry separators or dots that climb. */
  private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]*");

  private final Path workspaces;

  WorkspaceLocator(LoadedConfig loaded) {
    JobsConfig jobs = loaded.config().jobs();
    String configured = jobs == null ? null : jobs.workspaces();
    this.workspaces =
        configured == null || configured.isBlank()
            ? loaded.home().resolve("workspaces")
            : Path.of(configured);
  }

  /**
   * The given workspace, which must be an existing absolute directory, or a fresh directory for the
   * job when none is given.
   *
   * @throws ApplicationFailure of type {@link #BAD_WORKSPACE}, not retryable
   */
  Path locate(String jobId, String workspace) {
    if (workspace == null || workspace.isBlank()) {
      return create(jobId);
    }
    Path path = Path.of(workspace);
    if (!path.isAbsolute()) {
      throw bad("The workspace must be an absolute path; got \"" + workspace + "\".");
    }
    if (!Files.isDirectory(path)) {
      throw bad(
          "The workspace "
              + workspace
              + (Files.exists(path) ? " is not a directory." : " does not exist."));
    }
    try {
      return path.toRealPath();
    } catch (IOException e) {
      throw bad("The workspace " + workspace + " cannot be read: " + e.getMessage());
    }
  }

  private Path create(String jobId) {
    if (jobId == null || !SAFE_ID.matcher(jobId).matches()) {
      throw bad("A job id of letters, digits, - and _ is needed for its workspace; got " + jobId);
    }
    try {
      return Files.createDirectories(workspaces.resolve(jobId)).toRealPath();
    } catch (IOException e) {
      // A full disk or a read-only directory may be fixed while Temporal retries.
      throw new UncheckedIOException("cannot create the workspace for " + jobId, e);
    }
  }

  private static ApplicationFailure bad(String message) {
    return ApplicationFailure.newNonRetryableFailure(message, BAD_WORKSPACE);
  }
}
