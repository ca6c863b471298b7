package dev.coracle.activities.job;

import dev.coracle.workflows.job.JobEvent;
import dev.coracle.workflows.job.JobRequest;
import dev.coracle.workflows.job.JobSnapshot;
import dev.coracle.workflows.job.JobStep;
import dev.coracle.workflows.job.JobUpdate;
import dev.coracle.workflows.job.StepProgress;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.util.List;

/**
 * Writes jobs to the store. With the embedded Temporal server these rows are what a restart
 * recovers from, so every write is one transaction and repeating it changes nothing: a local
 * activity may run twice when the worker dies between the write and the workflow task.
 */
@Singleton
public class JobStore {

  private final JobRepository jobs;
  private final JobStepRepository steps;
  private final JobEventRepository events;
  private final JobProgressRepository progress;

  JobStore(
      JobRepository jobs,
      JobStepRepository steps,
      JobEventRepository events,
      JobProgressRepository progress) {
    this.jobs = jobs;
    this.steps = steps;
    this.events = events;
    this.progress = progress;
  }

  /**
   * Records a job as queued, so that it is listed at once and recovery restarts it even if the
   * process dies before the workflow runs. A job already there is left as it is.
   */
  @Transactional
  public void register(JobRequest request, long createdAt) {
    if (!jobs.existsById(request.jobId())) {
      jobs.save(JobRow.registered(request, createdAt));
    }
  }

  /**
   * Applies one checkpoint: the job row, its steps, new events and the running step's transcript,
   * all or nothing.
   *
   * @throws IllegalStateException when the job was never registered: its request, which recovery
   *     needs, would be missing
   */
  @Transactional
  public void record(JobUpdate update) {
    JobSnapshot snapshot = update.snapshot();
    String jobId = snapshot.jobId();
    JobRow row =
        jobs.findById(jobId)
            .orElseThrow(() -> new IllegalStateException("Job " + jobId + " was never registered"));
    jobs.update(row.updatedBy(snapshot, update.plan()));
    writeSteps(jobId, snapshot.steps() == null ? List.of() : snapshot.steps());
    for (JobEvent event : update.events() == null ? List.<JobEvent>of() : update.events()) {
      events.insertIfAbsent(
          jobId,
          event.seq(),
          event.at(),
          event.type(),
          event.stage(),
          event.step(),
          event.message() == null ? "" : event.message());
    }
    // Clearing first lets one update finish a step and save the next step's first turn.
    if (update.clearProgress()) {
      progress.deleteById(jobId);
    }
    StepProgress running = update.progress();
    if (running != null) {
      progress.upsert(jobId, running.stepIndex(), JobJson.write(running), snapshot.updatedAt());
    }
  }

  /**
   * Makes the step rows mirror the snapshot. Steps a replan dropped are deleted, or recovery would
   * find them pending and run them.
   */
  private void writeSteps(String jobId, List<JobStep> current) {
    if (current.isEmpty()) {
      steps.deleteAll(jobId);
      return;
    }
    for (JobStep step : current) {
      steps.upsert(
          jobId,
          step.index(),
          step.plan() == null || step.plan().goal() == null ? "" : step.plan().goal(),
          step.status(),
          JobJson.write(step),
          step.startedAt(),
          step.finishedAt());
    }
    steps.deleteOthers(jobId, current.stream().map(JobStep::index).toList());
  }
}
