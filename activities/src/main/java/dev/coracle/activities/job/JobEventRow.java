package dev.coracle.activities.job;

import dev.coracle.workflows.job.JobEvent;
import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;

/** One progress line, a row of {@code job_events}. */
@Introspected
record JobEventRow(
    String jobId,
    long seq,
    long at,
    String type,
    @Nullable String stage,
    int step,
    String message) {

  JobEvent toEvent() {
    return new JobEvent(seq, at, type, stage, step, message);
  }
}
