package dev.coracle.workflows.job;

import dev.coracle.workflows.chat.RequestClass;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** Runs a job's tools in its workspace. Runs on the tools queue; every call is audited. */
@ActivityInterface
public interface ToolActivities {

  /** The tools available to a job of this class in this workspace. */
  @ActivityMethod(name = "JobToolset")
  JobToolset toolset(String jobId, String workspace, RequestClass requestClass);

  /**
   * Runs one call. A bad call (unknown tool, bad arguments, a path outside the workspace) is not a
   * failure of the activity: it comes back as a result with {@code error} set, for the model.
   */
  @ActivityMethod(name = "RunTool")
  ToolResult run(ToolInvocation invocation);
}
