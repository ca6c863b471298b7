package dev.coracle.worker.floor;

import dev.coracle.workflows.ActivityOptionsCatalog;
import io.temporal.workflow.Workflow;

/** One local activity, then done. */
public final class FloorWorkflowImpl implements FloorWorkflow {
  /** The options of a chat's light local activities (route, cache, status). */
  private final FloorActivities activities =
      Workflow.newLocalActivityStub(FloorActivities.class, ActivityOptionsCatalog.light());

  @Override
  public String run(String text) {
    return activities.echo(text);
  }
}
