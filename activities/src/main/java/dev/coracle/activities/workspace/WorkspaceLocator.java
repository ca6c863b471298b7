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
  private final WorkspacePolicy policy;

  WorkspaceLocator(LoadedConfig loaded, WorkspacePolicy policy) {
    this.workspaces = freshWorkspaces(loaded);
    this.policy = policy;
  }

  /** Where jobs that name no workspace get a fresh directory: {@code jobs.workspaces}. */
  static Path freshWorkspaces(LoadedConfig loaded) {
    JobsConfig jobs = loaded.config().jobs();
    String configured = jobs == null ? null : jobs.workspaces();
    return configured == null || configured.isBlank()
        ? loaded.home().resolve("workspaces")
        : Path.of(configured);
  }

  /**
   * The real path of the given workspace, which the {@link WorkspacePolicy} must allow, or a fresh
   * directory for the job when none is given. The API checked the workspace already; checking again
   * here covers jobs started from chat and jobs that restart from the beginning after a restart.
   *
   * @throws ApplicationFailure of type {@link #BAD_WORKSPACE}, not retryable
   */
  Path locate(String jobId, String workspace) {
    if (workspace == null || workspace.isBlank()) {
      return create(jobId);
    }
    try {
      return policy.check(workspace);
    } catch (WorkspaceNotAllowedException e) {
      throw bad(e.getMessage());
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
