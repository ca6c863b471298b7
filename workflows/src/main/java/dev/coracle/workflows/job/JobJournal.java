package dev.coracle.workflows.job;

import dev.coracle.workflows.ActivityOptionsCatalog;
import io.temporal.workflow.Workflow;

/**
 * Writes the job's state to the store after every change that matters: stage changes, plans, each
 * coder turn and tool result (the step's progress), and each finished step (the checkpoint). Each
 * write carries the events since the last one, in the same transaction.
 */
final class JobJournal {
  private final JobStoreActivities store =
      Workflow.newLocalActivityStub(JobStoreActivities.class, ActivityOptionsCatalog.jobStore());
  private final JobState state;

  JobJournal(JobState state) {
    this.state = state;
  }

  void register() {
    store.register(state.request, state.createdAt);
  }

  void save() {
    write(null, null, false);
  }

  void savePlan() {
    write(state.plan, null, false);
  }

  void saveProgress(StepProgress progress) {
    write(null, progress, false);
  }

  /**
   * A coder turn's progress with the messages it added to the stored conversation. The step rows
   * have not changed since the step started, so the write leaves them out and stays the same size
   * however long the plan is.
   */
  void saveTurn(StepProgress progress, TranscriptAppend added) {
    store.record(
        new JobUpdate(
            state.snapshotWithoutSteps(),
            state.drainUnsaved(),
            null,
            progress,
            false,
            added,
            true));
  }

  /** The checkpoint: the finished step and its events, and the step's transcript dropped. */
  void checkpoint() {
    write(null, null, true);
  }

  private void write(JobPlanState plan, StepProgress progress, boolean clearProgress) {
    store.record(
        new JobUpdate(state.snapshot(), state.drainUnsaved(), plan, progress, clearProgress));
  }
}
