package dev.coracle.workflows.job;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/**
 * Writes a job's state to the store: the source of truth for crash recovery with the embedded
 * server, and what status answers, the jobs API and its event stream read.
 */
@ActivityInterface
public interface JobStoreActivities {

  /** Records the job's request so recovery can restart it; does nothing if it is already there. */
  @ActivityMethod(name = "RegisterJob")
  void register(JobRequest request, long createdAt);

  @ActivityMethod(name = "RecordJob")
  void record(JobUpdate update);
}
