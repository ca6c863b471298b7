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

  /** The checkpoint: the finished step and its events, and the step's transcript dropped. */
  void checkpoint() {
    write(null, null, true);
  }

  private void write(JobPlanState plan, StepProgress progress, boolean clearProgress) {
    store.record(
        new JobUpdate(state.snapshot(), state.drainUnsaved(), plan, progress, clearProgress));
  }
}
