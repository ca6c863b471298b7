package dev.coracle.workflows.job;

import dev.coracle.workflows.ActivityOptionsCatalog;
import dev.coracle.workflows.HostQueues;
import dev.coracle.workflows.chat.RequestClass;
import dev.coracle.workflows.model.ModelChain;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.TemporalFailure;
import io.temporal.workflow.Workflow;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * consolidate → refine → plan → parse → for each step: coder turns with tools, checkpoint, verify →
 * continue, replan or done → summary. Pause and cancel are honoured between steps and between coder
 * turns. Every change is written to the store, which is what crash recovery resumes from.
 */
public class JobWorkflowImpl implements JobWorkflow {
  /** Failure type of a job that could not finish; the store says why. */
  public static final String JOB_FAILED = "JOB_FAILED";

  // On the tools queue of the job's host, which is only known once the run starts.
  private WorkspaceActivities workspaces;
  private ToolActivities toolDiscovery;
  private final PlanActivities parser =
      Workflow.newLocalActivityStub(PlanActivities.class, ActivityOptionsCatalog.light());

  // Signals can arrive before the workflow method runs, so the control flags live here, not in
  // the state the method creates.
  private boolean pauseRequested;
  private boolean cancelled;
  private String cancelReason;
  private boolean handOverRequested;

  /** Why a budget stopped the job, or null. */
  private String budgetStop;

  private JobState state;
  private JobJournal journal;
  private JobModels models;

  @Override
  public JobResult run(JobRequest request) {
    host = placement(request);
    if (host.pinned()) {
      request = request.onHost(host.hostId());
    }
    workspaces =
        Workflow.newActivityStub(
            WorkspaceActivities.class, host.onTools(ActivityOptionsCatalog.workspaceRead()));
    toolDiscovery =
        Workflow.newActivityStub(
            ToolActivities.class, host.onTools(ActivityOptionsCatalog.workspaceRead()));
    state = new JobState(request);
    journal = new JobJournal(state);
    models = new JobModels(request.jobId(), host);
    state.createdAt = Workflow.currentTimeMillis();
    if (state.startedAt == 0) {
      state.startedAt = state.createdAt;
    }
    if (request.resume() != null && request.resume().paused()) {
      pauseRequested = true;
    }
    journal.register();
    state.status = JobStatus.RUNNING;
    try {
      return pipeline(request);
    } catch (HandedOver stop) {
      return new JobResult(
          request.jobId(), HANDED_OVER, null, List.of(), List.copyOf(state.steps), state.usage);
    } catch (TemporalFailure failure) {
      if (state.status == JobStatus.FAILED) {
        throw failure; // Already recorded: a budget stopped the job.
      }
      return fail(failure);
    }
  }

  private JobResult pipeline(JobRequest request) {
    if (request.resume() != null && request.resume().moved()) {
      state.emit(JobEvent.RECOVERED, "moved to a fresh Temporal server; resuming where it stopped");
    } else if (request.resume() != null && request.resume().recovered()) {
      state.emit(JobEvent.RECOVERED, "coracle restarted; resuming after the last checkpoint");
    } else if (request.resume() == null) {
      state.emit(JobEvent.CREATED, "job started: " + request.title());
    }
    awaitHost();
    JobToolset toolset;
    if (state.plan == null) {
      toolset = prepare(request);
    } else {
      resumeApproval(request.resume());
      journal.save();
      toolset = toolDiscovery.toolset(request.jobId(), state.workspace, request.requestClass());
    }
    if (!approvedToRun(toolset)) {
      return finishCancelled();
    }
    StepRunner runner =
        new StepRunner(
            state, journal, models, toolset, this::gate, this::continueAsNewMidStep, host);
    StepProgress progress = request.resume() == null ? null : request.resume().progress();
    JobStep next;
    while ((next = nextPending()) != null) {
      if (!gate()) {
        return finishCancelled();
      }
      continueAsNewIfLong(progress);
      awaitHost();
      next = runStep(runner, next, progress);
      progress = null;
      if (cancelled || budgetStop != null) {
        // No verification of a step that was cut short: the job ends here.
        return finishCancelled();
      }
      if (!afterStep(next, toolset)) {
        break;
      }
    }
    return finish();
  }

  /**
   * Consolidate, refine, plan and parse; the plan is checkpointed before the first step. Returns
   * the coder's tools, which the planner is told about so its steps name real tools.
   */
  private JobToolset prepare(JobRequest request) {
    state.enter(JobStage.CONSOLIDATE, "reading the workspace");
    journal.save();
    WorkspaceContext context =
        workspaces.consolidate(request.jobId(), request.workspace(), request.chat().lastUserText());
    state.workspace = context.workspace();
    JobToolset toolset =
        toolDiscovery.toolset(request.jobId(), state.workspace, request.requestClass());
    String brief = refine(request, context);
    JobPlan plan;
    String planner;
    if (request.requestClass() == RequestClass.FAST) {
      // A fast job is one local step: no planning hop to the cloud.
      plan =
          new JobPlan(
              brief, List.of(new PlanStep(brief, List.of(), List.of(), "the request is done")));
      planner = null;
    } else {
      JobPlanner.Planned planned =
          new JobPlanner(state, journal, models, parser, toolset).plan(brief, context.text(), null);
      plan = planned.plan();
      planner = planned.planner();
    }
    state.plan =
        new JobPlanState(
            context.workspace(), context.artifactId(), context.text(), brief, plan, 0, planner);
    addSteps(plan, 1);
    state.emit(JobEvent.STAGE, "plan: " + plan.steps().size() + " steps");
    journal.savePlan();
    awaitingApproval = PlanApproval.asked(request.limits());
    return toolset;
  }

  private String refine(JobRequest request, WorkspaceContext context) {
    if (request.requestClass() == RequestClass.FAST) {
      return request.chat().lastUserText();
    }
    state.enter(JobStage.REFINE, "writing the brief");
    journal.save();
    ModelChain.Answered answered =
        models.ask(
            JobRole.REFINE,
            JobPrompts.refine(request.chat().messages(), context.text()),
            JobPrompts.coderParams(),
            null);
    state.addUsage(answered.answer().usage());
    String brief = answered.answer().content();
    return brief == null || brief.isBlank() ? request.chat().lastUserText() : brief.strip();
  }

  private void addSteps(JobPlan plan, int firstIndex) {
    int index = firstIndex;
    for (PlanStep step : plan.steps()) {
      state.steps.add(JobStep.pending(index++, step));
    }
  }

  private JobStep nextPending() {
    return state.steps.stream().filter(s -> !s.finished()).findFirst().orElse(null);
  }

  private JobStep runStep(StepRunner runner, JobStep step, StepProgress progress) {
    state.currentStep = step.index();
    state.stage = JobStage.STEP;
    StepProgress resumeFrom =
        progress != null && progress.stepIndex() == step.index() ? progress : null;
    JobStep running =
        new JobStep(
            step.index(),
            step.plan(),
            JobStep.RUNNING,
            null,
            List.of(),
            0,
            0,
            null,
            step.usage(),
            Workflow.currentTimeMillis(),
            0,
            List.of());
    state.replaceStep(running);
    state.emit(
        JobEvent.STEP_STARTED,
        "step " + step.index() + " of " + state.steps.size() + ": " + step.plan().goal());
    journal.save();
    JobStep finished = runner.run(running, resumeFrom);
    state.replaceStep(finished);
    boolean ok = JobStep.DONE.equals(finished.status());
    state.emit(
        ok ? JobEvent.STEP_DONE : JobEvent.STEP_FAILED,
        "step " + finished.index() + (ok ? " done: " : " failed: ") + finished.summary());
    journal.checkpoint();
    return finished;
  }

  /** Verifies the step; false when the job is done early. */
  private boolean afterStep(JobStep step, JobToolset toolset) {
    if (nextPending() == null && JobStep.DONE.equals(step.status())) {
      return true;
    }
    if (state.request.requestClass() == RequestClass.FAST) {
      return true;
    }
    Verdict verdict = new JobVerifier(state, journal, models, parser).verify(step);
    switch (verdict.decision()) {
      case Verdict.DONE -> {
        skipRemaining("the verifier found the brief satisfied");
        return false;
      }
      case Verdict.REPLAN -> replan(verdict, toolset);
      default -> {
        // continue
      }
    }
    return true;
  }

  private void replan(Verdict verdict, JobToolset toolset) {
    int replans = state.plan.replans();
    if (replans >= state.request.limits().maxReplans()) {
      state.emit(JobEvent.VERIFY, "replan wanted but the limit of " + replans + " is reached");
      journal.save();
      return;
    }
    StringBuilder learned = new StringBuilder();
    for (JobStep done : state.finishedSteps()) {
      learned
          .append(done.index())
          .append(". ")
          .append(done.plan().goal())
          .append(" -> ")
          .append(done.status())
          .append(": ")
          .append(done.summary())
          .append('\n');
    }
    learned.append("Learned: ").append(verdict.learned());
    JobPlanner.Planned planned =
        new JobPlanner(state, journal, models, parser, toolset)
            .plan(state.plan.brief(), state.plan.context(), learned.toString());
    state.steps.removeIf(s -> !s.finished());
    int finished = state.steps.size();
    int room = Math.max(1, state.request.limits().maxSteps() - finished);
    List<PlanStep> next = planned.plan().steps();
    JobPlan cut =
        new JobPlan(planned.plan().summary(), next.subList(0, Math.min(room, next.size())));
    addSteps(cut, finished + 1);
    state.plan =
        new JobPlanState(
            state.plan.workspace(),
            state.plan.contextArtifact(),
            state.plan.context(),
            state.plan.brief(),
            cut,
            replans + 1,
            planned.planner());
    state.emit(JobEvent.REPLAN, "new plan: " + cut.steps().size() + " more steps");
    journal.savePlan();
  }

  private void skipRemaining(String why) {
    for (JobStep step : List.copyOf(state.steps)) {
      if (!step.finished()) {
        state.replaceStep(
            new JobStep(
                step.index(),
                step.plan(),
                JobStep.SKIPPED,
                why,
                List.of(),
                0,
                0,
                null,
                step.usage(),
                0,
                0,
                List.of()));
      }
    }
  }

  /**
   * Between steps, a long history is handed to a fresh run with the same id; the store already has
   * every checkpoint, and the new run starts from the same resume point recovery would use. Runs
   * recorded before {@link JobHistory#BY_REFERENCE} count events only.
   */
  private void continueAsNewIfLong(StepProgress progress) {
    if (JobHistory.byReference()) {
      if (progress == null && JobHistory.isLong(state.request.limits())) {
        Workflow.continueAsNew(state.request.resumingFrom(state.resumePoint(pauseRequested, null)));
      }
      return;
    }
    long length = Workflow.getInfo().getHistoryLength();
    if (progress == null && length > state.request.limits().historyEventsBeforeContinue()) {
      Workflow.continueAsNew(state.request.resumingFrom(state.resumePoint(pauseRequested)));
    }
  }

  /**
   * Between coder turns of a long step, a long history is handed over too: the step's conversation
   * is in the store, and the fresh run goes on with it as recovery would, without re-running a
   * call.
   */
  private void continueAsNewMidStep(StepProgress progress) {
    if (!JobHistory.isLong(state.request.limits())) {
      return;
    }
    if (state.hasUnsavedEvents()) {
      journal.saveProgress(progress);
    }
    Workflow.continueAsNew(state.request.resumingFrom(state.resumePoint(pauseRequested, progress)));
  }

  /**
   * Honours pause, cancel, hand-over and the budgets. False when the job must stop. A hand-over
   * leaves this run here, writing nothing (beyond a pause asked for first), so the store still
   * holds the resume point.
   */
  private boolean gate() {
    if (!withinBudget()) {
      return false;
    }
    if (pauseRequested && !cancelled) {
      JobStatus before = state.status;
      state.status = JobStatus.PAUSED;
      state.emit(JobEvent.PAUSED, "paused");
      journal.save();
      Workflow.await(() -> !pauseRequested || cancelled || handOverRequested);
      if (handOverRequested && !cancelled) {
        // Still paused in the store, so the run that takes over starts paused.
        throw new HandedOver();
      }
      if (!cancelled) {
        state.status = before;
        state.emit(JobEvent.RESUMED, "resumed");
        journal.save();
      }
    }
    // After the pause, so a pause asked for just before is recorded and the next run keeps it.
    if (handOverRequested && !cancelled) {
      throw new HandedOver();
    }
    return !cancelled && withinBudget();
  }

  private boolean withinBudget() {
    JobBudget.exceeded(state, Workflow.currentTimeMillis()).ifPresent(why -> budgetStop = why);
    return budgetStop == null;
  }

  private JobResult finish() {
    state.enter(JobStage.SUMMARY, "writing the summary");
    state.summary = JobSummary.text(state);
    state.stage = JobStage.FINISHED;
    state.status = JobStatus.DONE;
    state.emit(JobEvent.DONE, state.summary);
    journal.save();
    return result();
  }

  private JobResult finishCancelled() {
    if (budgetStop != null) {
      throw stopped("stopped: " + budgetStop);
    }
    state.status = JobStatus.CANCELLED;
    state.stage = JobStage.FINISHED;
    state.error = cancelReason == null ? "cancelled" : "cancelled: " + cancelReason;
    state.summary = JobSummary.text(state);
    state.emit(JobEvent.CANCELLED, state.error);
    journal.save();
    return result();
  }

  /** Records why the job failed, then fails the workflow so Temporal shows it as failed too. */
  private JobResult fail(TemporalFailure failure) {
    Throwable root = failure;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    String why =
        root instanceof ApplicationFailure application
            ? application.getOriginalMessage()
            : root.getMessage();
    throw stopped(why);
  }

  private ApplicationFailure stopped(String why) {
    state.status = JobStatus.FAILED;
    state.error = why;
    state.stage = JobStage.FINISHED;
    state.summary = JobSummary.text(state);
    state.emit(JobEvent.FAILED, "failed: " + why);
    journal.save();
    return ApplicationFailure.newNonRetryableFailure("job failed: " + why, JOB_FAILED);
  }

  private JobResult result() {
    return new JobResult(
        state.request.jobId(),
        state.status.wireName(),
        state.summary,
        List.copyOf(state.changedFiles),
        List.copyOf(state.steps),
        state.usage);
  }

  @Override
  public void cancel(String reason) {
    cancelled = true;
    cancelReason = reason == null || reason.isBlank() ? null : reason;
  }

  @Override
  public void pause() {
    pauseRequested = true;
  }

  @Override
  public void resume() {
    pauseRequested = false;
  }

  @Override
  public void handOver() {
    handOverRequested = true;
  }

  /** Unwinds the run from a gate on a hand-over; {@link #run} turns it into the result. */
  private static final class HandedOver extends RuntimeException {
    HandedOver() {
      super("handed over", null, false, false);
    }
  }

  @Override
  public JobSnapshot snapshot() {
    return state == null ? null : state.snapshot();
  }

  @Override
  public List<JobEvent> events(long afterSeq) {
    return state == null ? List.of() : state.eventsAfter(afterSeq);
  }

  // Plan approval. Decisions are kept here, like the control flags, because a signal may arrive
  // before the job waits for it.

  private final List<PlanApproval.Decision> planDecisions = new ArrayList<>();

  /** True while the plan waits for a person; set after planning or by a resume that was waiting. */
  private boolean awaitingApproval;

  /** When a resumed job began waiting for approval, epoch milliseconds; 0 for a fresh wait. */
  private long approvalAskedAt;

  /**
   * A resumed job that was waiting for approval waits again, still in {@code waiting_approval} in
   * the store; one whose plan was approved counts its wall time from the approval.
   */
  private void resumeApproval(JobResume resume) {
    if (resume != null && resume.approvalAskedAt() > 0) {
      awaitingApproval = true;
      approvalAskedAt = resume.approvalAskedAt();
      state.status = JobStatus.WAITING_APPROVAL;
    }
    if (state.plan.approvedAt() > state.startedAt) {
      state.startedAt = state.plan.approvedAt();
    }
  }

  /** Holds a job that asked for approval until a person decides; false when it must stop. */
  private boolean approvedToRun(JobToolset toolset) {
    if (!awaitingApproval) {
      return true;
    }
    PlanApproval approval = new PlanApproval(state, journal, models, parser, toolset);
    // A hand-over ends the wait too, unless a decision has already arrived: the store still says
    // waiting_approval with the plan, so the run on the fresh server waits on.
    Optional<String> stop =
        approval.await(
            approvalAskedAt,
            () -> cancelled || (handOverRequested && planDecisions.isEmpty()),
            () -> !planDecisions.isEmpty(),
            () -> planDecisions.remove(0));
    if (handOverRequested && !cancelled && stop.isEmpty() && awaitingDecision()) {
      throw new HandedOver();
    }
    awaitingApproval = false;
    if (stop.isPresent()) {
      cancelled = true;
      cancelReason = stop.get();
    }
    return !cancelled;
  }

  /** True while the job still waits: the wait ended for a hand-over, not a decision. */
  private boolean awaitingDecision() {
    return state.status == JobStatus.WAITING_APPROVAL;
  }

  @Override
  public void approve(JobPlan editedPlan) {
    planDecisions.add(new PlanApproval.Decision(true, editedPlan, null));
  }

  @Override
  public void reject(String reason) {
    planDecisions.add(
        new PlanApproval.Decision(
            false, null, reason == null || reason.isBlank() ? "no reason given" : reason));
  }

  // Roles and machines: a job is pinned to one host, where its workspace, tools and local models
  // are.

  /**
   * Version 1 of this change pins a new job to the host of the worker that runs its first task,
   * {@code worker.host-id}, and runs its tools and local models on that host's queues. The host
   * goes into the request, so continue-as-new and recovery keep it.
   */
  static final String ROLES_JOB_HOST = "roles-job-host";

  /** This worker's {@code worker.host-id}; null in tests and replays that name no host. */
  private final String workerHostId;

  private HostQueues host = HostQueues.SHARED;

  public JobWorkflowImpl() {
    this(null);
  }

  /** A job run by the worker of {@code workerHostId}. */
  public JobWorkflowImpl(String workerHostId) {
    this.workerHostId = workerHostId;
  }

  private HostQueues placement(JobRequest request) {
    if (request.hostId() != null) {
      return new HostQueues(request.hostId());
    }
    return HostQueues.ofThisWorker(workerHostId, ROLES_JOB_HOST);
  }

  /** Waits, with a visible reason, while no worker of the job's host answers; fails after that. */
  private void awaitHost() {
    if (!host.pinned()) {
      return;
    }
    Optional<String> gone = new HostWait(host, state, journal).await();
    if (gone.isPresent()) {
      throw stopped(gone.get());
    }
  }
}
