package dev.coracle.activities.job;

import dev.coracle.activities.metrics.CoracleMetrics;
import dev.coracle.workflows.job.JobRequest;
import dev.coracle.workflows.job.JobStoreActivities;
import dev.coracle.workflows.job.JobUpdate;
import io.temporal.failure.ApplicationFailure;
import jakarta.inject.Singleton;

/**
 * The job store as a local activity of {@code JobWorkflow}: a checkpoint is written in the
 * workflow's own task, with no queue hop, and retried by Temporal if the write fails.
 */
@Singleton
public class JobStoreActivitiesImpl implements JobStoreActivities {

  /**
   * The failure type of a job whose workspace another unfinished job holds; it fails the job before
   * any row is written, and retrying would not help while the other job runs.
   */
  public static final String WORKSPACE_BUSY = "WORKSPACE_BUSY";

  private final JobStore store;
  private final CoracleMetrics metrics;

  public JobStoreActivitiesImpl(JobStore store, CoracleMetrics metrics) {
    this.store = store;
    this.metrics = metrics;
  }

  @Override
  public void register(JobRequest request, long createdAt) {
    try {
      store.register(request, createdAt);
    } catch (WorkspaceBusyException busy) {
      throw ApplicationFailure.newNonRetryableFailure(busy.getMessage(), WORKSPACE_BUSY);
    }
  }

  @Override
  public void record(JobUpdate update) {
    store.record(update);
    metrics.jobEvents(update.events());
  }
}
