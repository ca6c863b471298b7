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
  private final JobTranscripts transcripts;

  JobStore(
      JobRepository jobs,
      JobStepRepository steps,
      JobEventRepository events,
      JobProgressRepository progress,
      JobTranscripts transcripts) {
    this.jobs = jobs;
    this.steps = steps;
    this.events = events;
    this.progress = progress;
    this.transcripts = transcripts;
  }

  /**
   * Records a job as queued, so that it is listed at once and recovery restarts it even if the
   * process dies before the workflow runs. A job already there is left as it is. The job holds its
   * workspace until it finishes.
   *
   * <p>The one write is a single insert, atomic by itself: of two jobs registered on one workspace
   * at the same moment, the unique index lets one in and fails the other, which is then told which
   * job holds the workspace. No transaction wraps it, so a failed insert can still be explained by
   * reading what the other one wrote.
   *
   * @throws WorkspaceBusyException when another unfinished job holds the workspace
   */
  public void register(JobRequest request, long createdAt) {
    if (jobs.existsById(request.jobId())) {
      return;
    }
    throwIfBusy(request.workspace());
    try {
      jobs.save(JobRow.registered(request, createdAt));
    } catch (RuntimeException insertFailed) {
      if (jobs.existsById(request.jobId())) {
        return; // The same job, registered by a retry that ran at the same time.
      }
      throwIfBusy(request.workspace());
      throw insertFailed;
    }
  }

  private void throwIfBusy(String workspace) {
    if (workspace == null) {
      return;
    }
    List<JobRow> holders = jobs.holding(workspace);
    if (!holders.isEmpty()) {
      JobRow holder = holders.get(0);
      throw new WorkspaceBusyException(workspace, holder.id(), holder.status());
    }
  }

  /**
   * Marks an unfinished job failed without running it again, with the reason as its error and a
   * last event; it then no longer holds its workspace. Recovery does this when a job's workspace is
   * no longer allowed. A job that has finished meanwhile is left as it is.
   */
  @Transactional
  public void failBeforeRestart(String jobId, String reason, long at) {
    JobRow row = jobs.findById(jobId).orElse(null);
    if (row == null || row.jobStatus().finished()) {
      return;
    }
    JobRow failed = row.failedBeforeRestart(reason, at);
    jobs.update(failed);
    events.insertIfAbsent(
        jobId,
        failed.lastEventSeq(),
        at,
        JobEvent.FAILED,
        failed.stage(),
        failed.currentStep(),
        "failed: " + reason);
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
    if (update.stepsUnchanged()) {
      // A coder turn's write: the step rows and their count stay as stored.
      jobs.update(row.updatedBy(snapshot, update.plan(), row.stepCount()));
    } else {
      jobs.update(row.updatedBy(snapshot, update.plan()));
      writeSteps(jobId, snapshot.steps() == null ? List.of() : snapshot.steps());
    }
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
      transcripts.clear(jobId);
    }
    if (update.transcript() != null) {
      transcripts.append(jobId, update.transcript());
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
