package dev.coracle.workflows.job;

import dev.coracle.workflows.HostQueues;
import io.temporal.activity.ActivityOptions;
import io.temporal.api.enums.v1.TimeoutType;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.TimeoutFailure;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.Optional;

/**
 * Before a job's work goes to its host, checks that a worker of that host polls: a quick question
 * on the host's tools queue. While none answers the job says so in its events and waits; after
 * {@link JobLimits#hostWaitMinutesOrDefault()} it gives up.
 */
final class HostWait {
  /** How long one question waits for a worker to pick it up before the host counts as away. */
  static final Duration ASK_WITHIN = Duration.ofSeconds(20);

  private final HostQueues host;
  private final JobState state;
  private final JobJournal journal;
  private final HostActivities probe;

  HostWait(HostQueues host, JobState state, JobJournal journal) {
    this.host = host;
    this.state = state;
    this.journal = journal;
    this.probe =
        Workflow.newActivityStub(
            HostActivities.class,
            ActivityOptions.newBuilder()
                .setTaskQueue(host.tools())
                .setScheduleToStartTimeout(ASK_WITHIN)
                .setStartToCloseTimeout(Duration.ofSeconds(10))
                .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(1).build())
                .build());
  }

  /**
   * Returns once a worker of the host answers, or why the job must stop: no worker answered for the
   * whole wait.
   */
  Optional<String> await() {
    long since = Workflow.currentTimeMillis();
    long limit = Duration.ofMinutes(state.request.limits().hostWaitMinutesOrDefault()).toMillis();
    boolean waited = false;
    while (true) {
      try {
        probe.present();
        if (waited) {
          state.emit(JobEvent.HOST_BACK, "host " + host.hostId() + " is back; going on");
          journal.save();
        }
        return Optional.empty();
      } catch (ActivityFailure failure) {
        if (!notPickedUp(failure)) {
          throw failure;
        }
      }
      long waitedMillis = Workflow.currentTimeMillis() - since;
      if (waitedMillis >= limit) {
        return Optional.of(
            "no worker of host "
                + host.hostId()
                + " answered for "
                + Duration.ofMillis(waitedMillis).toMinutes()
                + " minutes");
      }
      if (!waited) {
        waited = true;
        state.emit(
            JobEvent.WAITING_HOST,
            "waiting for host "
                + host.hostId()
                + ": no worker polls "
                + host.tools()
                + "; the job fails after "
                + state.request.limits().hostWaitMinutesOrDefault()
                + " minutes");
        journal.save();
      }
    }
  }

  private static boolean notPickedUp(ActivityFailure failure) {
    return failure.getCause() instanceof TimeoutFailure timeout
        && timeout.getTimeoutType() == TimeoutType.TIMEOUT_TYPE_SCHEDULE_TO_START;
  }
}
