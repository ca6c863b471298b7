package dev.coracle.workflows.job;

import dev.coracle.workflows.model.ModelChain;
import io.temporal.failure.ApplicationFailure;
import java.util.List;

/**
 * Plan and parse: the planner model writes JSON by the plan schema; it is validated and normalized;
 * invalid output gets one repair round on a local model before the job gives up.
 */
final class JobPlanner {
  private final JobState state;
  private final JobJournal journal;
  private final JobModels models;
  private final PlanActivities parser;
  private final JobToolset toolset;

  /** A validated plan and the model that wrote it. */
  record Planned(JobPlan plan, String planner) {}

  JobPlanner(
      JobState state,
      JobJournal journal,
      JobModels models,
      PlanActivities parser,
      JobToolset toolset) {
    this.state = state;
    this.journal = journal;
    this.models = models;
    this.parser = parser;
    this.toolset = toolset;
  }

  Planned plan(String brief, String context, String learned) {
    state.enter(JobStage.PLAN, learned == null ? "planning" : "replanning");
    journal.save();
    JobLimits limits = state.request.limits();
    ModelChain.Answered answered =
        models.ask(
            JobRole.PLAN,
            JobPrompts.plan(
                brief,
                context,
                state.request.requestClass(),
                toolNames(),
                limits.maxSteps(),
                learned),
            JobPrompts.structured(JobPrompts.PLAN_FORMAT),
            null);
    state.addUsage(answered.answer().usage());
    String planner = answered.target().qualifiedName();
    state.enter(JobStage.PARSE, "checking the plan from " + planner);
    journal.save();
    PlanParse parsed = parser.parsePlan(answered.answer().content(), limits);
    if (!parsed.valid()) {
      state.emit(JobEvent.STAGE, "the plan was invalid (" + parsed.error() + "); repairing it");
      journal.save();
      ModelChain.Answered repaired =
          models.ask(
              JobRole.REFINE,
              JobPrompts.repair(answered.answer().content(), parsed.error()),
              JobPrompts.structured(JobPrompts.PLAN_FORMAT),
              null);
      state.addUsage(repaired.answer().usage());
      parsed = parser.parsePlan(repaired.answer().content(), limits);
      if (!parsed.valid()) {
        throw ApplicationFailure.newNonRetryableFailure(
            "the planner's output was not a valid plan, even after a repair: " + parsed.error(),
            "BAD_PLAN");
      }
    }
    return new Planned(parsed.plan(), planner);
  }

  /** The planner is told the tool names the coder will have, so steps name real tools. */
  private List<String> toolNames() {
    return toolset.definitions().stream().map(d -> d.name()).toList();
  }
}
