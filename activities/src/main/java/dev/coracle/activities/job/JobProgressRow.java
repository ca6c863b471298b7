package dev.coracle.activities.job;

import dev.coracle.workflows.job.StepProgress;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

/**
 * The running step's transcript, the one row of {@code job_progress} a job has while a step runs.
 *
 * @param progressJson the {@link StepProgress}
 */
@MappedEntity("job_progress")
record JobProgressRow(@Id String jobId, int stepIdx, String progressJson, long updatedAt) {

  StepProgress toProgress() {
    return JobJson.read(progressJson, StepProgress.class);
  }
}
