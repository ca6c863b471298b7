package dev.coracle.workflows.job;

/**
 * A planner's output after validation: a plan, or why it was refused (which the repair round sends
 * back to a model).
 */
public record PlanParse(JobPlan plan, String error) {
  public boolean valid() {
    return plan != null;
  }
}
