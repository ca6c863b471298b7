package dev.coracle.workflows.job;

import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Holds a planned job until a person approves its plan, as it is or edited, or rejects it. The
 * first rejection sends its reason to one replan; the second ends the job, and so does a plan
 * nobody decided on within {@code jobs.approval-timeout-hours}. No coder turn and no tool call
 * happen while the job waits.
 */
final class PlanApproval {
  /** The {@code Workflow.getVersion} change id of plan approval. */
  static final String VERSION_ID = "approve-plan";

  /**
   * What a person decided: approve (with an edited plan, or null for the plan as it is), reject.
   */
  record Decision(boolean approved, JobPlan editedPlan, String reason) {}

  private final JobState state;
  private final JobJournal journal;
  private final JobModels models;
  private final PlanActivities parser;
  private final JobToolset toolset;

  PlanApproval(
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

  /**
   * Whether a freshly planned job waits for approval. The version check comes last, so jobs that
   * never asked leave no marker and older histories replay unchanged.
   */
  static boolean asked(JobLimits limits) {
    return limits.approvePlan()
        && Workflow.getVersion(VERSION_ID, Workflow.DEFAULT_VERSION, 1) >= 1;
  }

  /**
   * Waits for the decision and applies it.
   *
   * @param askedAt when the job began waiting before a restart, or 0 when it begins now (the plan
   *     is then announced in the events)
   * @param cancelled true once the job was cancelled; the wait ends without a decision
   * @param arrived true once a decision has arrived
   * @param take takes the decision that arrived
   * @return empty once the plan is approved or the job was cancelled; else why the job must stop
   */
  Optional<String> await(
      long askedAt, BooleanSupplier cancelled, BooleanSupplier arrived, Supplier<Decision> take) {
    boolean announce = askedAt == 0;
    long asked = announce ? Workflow.currentTimeMillis() : askedAt;
    while (true) {
      state.status = JobStatus.WAITING_APPROVAL;
      if (announce) {
        state.emit(JobEvent.WAITING_APPROVAL, waitingMessage(state.plan.plan()));
        journal.save();
      }
      if (!decided(asked, () -> cancelled.getAsBoolean() || arrived.getAsBoolean())) {
        return Optional.of(
            "the plan was not approved within "
                + state.request.limits().approvalTimeoutHours()
                + " hours (jobs.approval-timeout-hours)");
      }
      if (cancelled.getAsBoolean()) {
        return Optional.empty();
      }
      Decision decision = take.get();
      if (decision.approved()) {
        approve(decision.editedPlan());
        return Optional.empty();
      }
      int rejections = state.plan.rejections() + 1;
      state.emit(JobEvent.REJECTED, "plan rejected: " + decision.reason());
      if (rejections >= 2) {
        journal.save();
        return Optional.of("the plan was rejected twice; the last reason: " + decision.reason());
      }
      replan(decision.reason(), rejections);
      announce = true;
      asked = Workflow.currentTimeMillis();
    }
  }

  /** True when the condition held before the approval timeout ran out. */
  private boolean decided(long asked, BooleanSupplier condition) {
    int hours = state.request.limits().approvalTimeoutHours();
    if (hours <= 0) {
      Workflow.await(condition::getAsBoolean);
      return true;
    }
    long left = asked + Duration.ofHours(hours).toMillis() - Workflow.currentTimeMillis();
    return left > 0 && Workflow.await(Duration.ofMillis(left), condition::getAsBoolean);
  }

  private void approve(JobPlan edited) {
    long now = Workflow.currentTimeMillis();
    JobPlan plan = edited == null ? state.plan.plan() : edited;
    if (edited != null) {
      replaceSteps(edited);
    }
    state.plan = state.plan.withPlan(plan, state.plan.planner(), state.plan.rejections(), now);
    // The wall-time budget is for the work, not for the time the plan waited for a person.
    state.startedAt = now;
    state.status = JobStatus.RUNNING;
    state.emit(
        JobEvent.APPROVED,
        edited == null
            ? "plan approved"
            : "edited plan approved: " + edited.steps().size() + " steps");
    journal.savePlan();
  }

  private void replan(String reason, int rejections) {
    String learned =
        "Nothing is done yet. A person rejected this plan:\n"
            + numbered(state.plan.plan().steps())
            + "Their reason: "
            + reason
            + "\nWrite a new plan that answers the reason.";
    JobPlanner.Planned planned =
        new JobPlanner(state, journal, models, parser, toolset)
            .plan(state.plan.brief(), state.plan.context(), learned);
    replaceSteps(planned.plan());
    state.plan = state.plan.withPlan(planned.plan(), planned.planner(), rejections, 0);
    state.emit(JobEvent.STAGE, "new plan: " + planned.plan().steps().size() + " steps");
    journal.savePlan();
  }

  private void replaceSteps(JobPlan plan) {
    state.steps.clear();
    int index = 1;
    for (PlanStep step : plan.steps()) {
      state.steps.add(JobStep.pending(index++, step));
    }
  }

  /** The event that shows the plan; the doors add how to answer it. */
  static String waitingMessage(JobPlan plan) {
    return "waiting for approval of the plan ("
        + plan.steps().size()
        + " steps):\n"
        + numbered(plan.steps());
  }

  private static String numbered(List<PlanStep> steps) {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < steps.size(); i++) {
      text.append(i + 1).append(". ").append(steps.get(i).goal()).append('\n');
    }
    return text.toString();
  }
}
