package dev.coracle.activities.job;

import dev.coracle.workflows.job.JobRequest;
import dev.coracle.workflows.job.JobStoreActivities;
import dev.coracle.workflows.job.JobUpdate;
import jakarta.inject.Singleton;

/**
 * The job store as a local activity of {@code JobWorkflow}: a checkpoint is written in the
 * workflow's own task, with no queue hop, and retried by Temporal if the write fails.
 */
@Singleton
public class JobStoreActivitiesImpl implements JobStoreActivities {

  private final JobStore store;

  public JobStoreActivitiesImpl(JobStore store) {
    this.store = store;
  }

  @Override
  public void register(JobRequest request, long createdAt) {
    store.register(request, createdAt);
  }

  @Override
  public void record(JobUpdate update) {
    store.record(update);
  }
}
