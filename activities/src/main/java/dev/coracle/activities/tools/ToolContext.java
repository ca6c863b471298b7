package dev.coracle.activities.tools;

import io.temporal.activity.Activity;
import java.nio.file.Path;

/**
 * Where a tool call runs: the job, its step, and the workspace it is jailed to.
 *
 * @param workspace the real path of the workspace directory
 */
public record ToolContext(String jobId, int step, Path workspace, WorkspaceJail jail) {

  public static ToolContext of(String jobId, int step, Path workspace) {
    WorkspaceJail jail = new WorkspaceJail(workspace);
    return new ToolContext(jobId, step, jail.root(), jail);
  }

  /** Tells Temporal a long call is still alive; does nothing outside an activity (tests). */
  public void heartbeat() {
    try {
      Activity.getExecutionContext().heartbeat(step);
    } catch (IllegalStateException notInAnActivity) {
      // Called directly, not by a worker: there is no one to tell.
    }
  }
}
