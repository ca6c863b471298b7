package dev.coracle.worker.floor;

import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * The cheapest workflow that still does what every chat does: one workflow task that runs one local
 * activity and completes. {@code coracle bench temporal-floor} measures it, so coracle's own rows
 * can be read against what Temporal alone costs on the same machine.
 */
@WorkflowInterface
public interface FloorWorkflow {
  @WorkflowMethod(name = "FloorWorkflow")
  String run(String text);
}
