package dev.coracle.workflows.job;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** Prepares and reads a job's workspace. Runs on the tools queue. */
@ActivityInterface
public interface WorkspaceActivities {

  /**
   * Creates the workspace if needed ({@code workspace} null means a fresh directory for the job)
   * and snapshots it for the prompts.
   */
  @ActivityMethod(name = "Consolidate")
  WorkspaceContext consolidate(String jobId, String workspace, String request);
}
