package dev.coracle.activities.job;

import dev.coracle.workflows.job.JobStep;
import io.micronaut.core.annotation.Introspected;

/**
 * One checkpointed step, a row of {@code job_steps}. The goal, status and times are copied out of
 * the JSON so that SQL can read them; the JSON is what recovery trusts.
 *
 * @param stepJson the whole {@link JobStep}
 */
@Introspected
record JobStepRow(
    String jobId,
    int idx,
    String goal,
    String status,
    String stepJson,
    long startedAt,
    long finishedAt) {

  JobStep toStep() {
    return JobJson.read(stepJson, JobStep.class);
  }
}
