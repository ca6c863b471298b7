package dev.coracle.workflows.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coracle.workflows.TaskQueues;
import dev.coracle.workflows.chat.RequestClass;
import io.temporal.client.WorkflowFailedException;
import io.temporal.worker.Worker;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A job whose host has no worker waits with a visible reason, then fails. The test server runs an
 * activity's schedule-to-start timeout in real time (a scheduled activity holds its clock), so this
 * takes the one minute it tests and lives with the integration tests.
 */
class JobHostWaitIT {
  private final JobHostTest host = new JobHostTest();

  @AfterEach
  void close() {
    host.close();
  }

  @Test
  void job_whose_host_has_no_worker_waits_visibly_then_fails() {
    Worker worker = host.hostAwareWorker();
    host.env.newWorker(TaskQueues.CLOUD).registerActivitiesImplementations(host.world);
    host.env.start();
    JobLimits limits = JobLimits.defaults();
    JobLimits oneMinute =
        new JobLimits(
            limits.maxSteps(),
            limits.maxTurnsPerStep(),
            limits.maxReplans(),
            limits.historyEventsBeforeContinue(),
            limits.maxToolCalls(),
            limits.maxTokens(),
            limits.maxWallMinutes(),
            false,
            0,
            1);
    JobRequest request =
        JobWorkflowTest.request("job-gone", RequestClass.DEEP, oneMinute).onHost("gone");

    JobWorkflow job = JobWorkflowTest.stub(host.env.getWorkflowClient(), worker, "job-gone");

    assertThatThrownBy(() -> job.run(request)).isInstanceOf(WorkflowFailedException.class);

    List<JobEvent> events = host.world.storedEvents();
    assertThat(events)
        .filteredOn(e -> JobEvent.WAITING_HOST.equals(e.type()))
        .singleElement()
        .satisfies(
            e -> assertThat(e.message()).contains("gone", "coracle-tools@gone", "1 minutes"));
    assertThat(events.get(events.size() - 1).message())
        .contains("no worker of host gone answered for 1 minutes");
    assertThat(host.world.lastSnapshot().status()).isEqualTo("failed");
  }
}
