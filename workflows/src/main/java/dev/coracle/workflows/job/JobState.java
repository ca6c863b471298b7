package dev.coracle.workflows.job;

import dev.coracle.workflows.chat.Usage;
import io.temporal.workflow.Workflow;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Everything a running job knows about itself, in workflow memory. Signals change the control
 * flags; the pipeline changes the rest; queries and store writes read it as a {@link JobSnapshot}.
 */
final class JobState {
  final JobRequest request;
  JobStatus status = JobStatus.QUEUED;
  JobStage stage = JobStage.QUEUED;
  String workspace;
  JobPlanState plan;
  final List<JobStep> steps = new ArrayList<>();
  int currentStep;
  Usage usage = Usage.NONE;
  final Set<String> changedFiles = new LinkedHashSet<>();
  String summary;
  String error;
  long createdAt;

  /** When the job first started: the wall-time budget counts from here. */
  long startedAt;

  /** Tool calls over the whole job, for the budget. */
  int toolCalls;

  private long seq;
  private final List<JobEvent> events = new ArrayList<>();
  private final List<JobEvent> unsaved = new ArrayList<>();

  JobState(JobRequest request) {
    this.request = request;
    this.workspace = request.workspace();
    JobResume resume = request.resume();
    if (resume != null) {
      seq = resume.lastEventSeq();
      plan = resume.plan();
      if (plan != null) {
        workspace = plan.workspace();
      }
      if (resume.steps() != null) {
        steps.addAll(resume.steps());
        steps.forEach(step -> toolCalls += step.toolCalls());
      }
      if (resume.progress() != null) {
        toolCalls += resume.progress().toolCalls();
      }
      startedAt = resume.startedAt();
      usage = resume.usage() == null ? Usage.NONE : resume.usage();
      if (resume.changedFiles() != null) {
        changedFiles.addAll(resume.changedFiles());
      }
    }
  }

  /** Adds an event of this run; it is stored with the next write. */
  void emit(String type, String message) {
    JobEvent event =
        new JobEvent(
            ++seq, Workflow.currentTimeMillis(), type, stage.wireName(), currentStep, message);
    events.add(event);
    unsaved.add(event);
  }

  /** Moves to a stage and says so in the event log. */
  void enter(JobStage next, String message) {
    stage = next;
    emit(JobEvent.STAGE, message);
  }

  List<JobEvent> eventsAfter(long afterSeq) {
    return events.stream().filter(e -> e.seq() > afterSeq).toList();
  }

  /** The events not yet written to the store; the caller writes them. */
  List<JobEvent> drainUnsaved() {
    List<JobEvent> drained = List.copyOf(unsaved);
    unsaved.clear();
    return drained;
  }

  void addUsage(Usage more) {
    usage = usage.plus(more);
  }

  void replaceStep(JobStep step) {
    steps.set(step.index() - 1 - firstIndexOffset(), step);
  }

  /** Steps are numbered from 1 in order, so a step's position is its index minus one. */
  private int firstIndexOffset() {
    return steps.isEmpty() ? 0 : steps.get(0).index() - 1;
  }

  JobStep step(int index) {
    return steps.get(index - 1 - firstIndexOffset());
  }

  List<JobStep> finishedSteps() {
    return steps.stream().filter(JobStep::finished).toList();
  }

  String brief() {
    return plan == null ? request.chat().lastUserText() : plan.brief();
  }

  JobSnapshot snapshot() {
    return snapshot(List.copyOf(steps));
  }

  /** The snapshot for a write that leaves the step rows as they are stored. */
  JobSnapshot snapshotWithoutSteps() {
    return snapshot(List.of());
  }

  private JobSnapshot snapshot(List<JobStep> stepsNow) {
    return new JobSnapshot(
        request.jobId(),
        status.wireName(),
        stage.wireName(),
        request.requestClass().wireName(),
        workspace,
        request.title(),
        currentStep,
        stepsNow,
        usage,
        plan == null ? null : plan.planner(),
        List.copyOf(changedFiles),
        summary,
        error,
        seq,
        createdAt,
        Workflow.currentTimeMillis());
  }

  /** Where a continued run picks up: between steps, so no step is in progress. */
  JobResume resumePoint(boolean paused) {
    return new JobResume(
        plan, List.copyOf(steps), null, seq, usage, List.copyOf(changedFiles), paused, false);
  }

  /**
   * Where a continued run picks up in the middle of a step: the step's progress, whose conversation
   * is in the store, goes along.
   */
  JobResume resumePoint(boolean paused, StepProgress progress) {
    return new JobResume(
        plan,
        List.copyOf(steps),
        progress,
        seq,
        usage,
        List.copyOf(changedFiles),
        paused,
        false,
        startedAt);
  }

  /** True when events wait for the next store write. */
  boolean hasUnsavedEvents() {
    return !unsaved.isEmpty();
  }
}
