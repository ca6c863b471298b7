package dev.coracle.workflows.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.temporal.client.WorkflowClient;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.testing.WorkflowReplayer;
import io.temporal.worker.NonDeterministicException;
import io.temporal.worker.Worker;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Replays job histories against the current {@link JobWorkflowImpl}. The committed history is a
 * two-step deep job with a verification in between; a change that makes the workflow issue other
 * commands for it would break jobs in flight during an upgrade, and fails here first (then the
 * change needs {@code Workflow.getVersion}).
 */
class JobWorkflowReplayTest {
  static final String COMMITTED_DEEP_JOB = "histories/job-deep-two-steps.json";

  @RegisterExtension
  static final TestWorkflowExtension temporal =
      TestWorkflowExtension.newBuilder()
          .registerWorkflowImplementationTypes(JobWorkflowImpl.class)
          .setDoNotStart(true)
          .build();

  @Test
  void committed_deep_job_history_replays_against_the_current_workflow() throws Exception {
    WorkflowReplayer.replayWorkflowExecutionFromResource(COMMITTED_DEEP_JOB, JobWorkflowImpl.class);
  }

  @Test
  void fresh_job_history_replays_against_the_current_workflow(
      TestWorkflowEnvironment env, Worker worker, WorkflowClient client) throws Exception {
    WorkflowExecutionHistory history = runDeepJob(env, worker, client, "job-replay-fresh");

    WorkflowReplayer.replayWorkflowExecution(
        WorkflowExecutionHistory.fromJson(history.toJson(true)), JobWorkflowImpl.class);
  }

  @Test
  void committed_history_fails_to_replay_when_the_plan_comes_before_the_workspace() {
    assertThatThrownBy(
            () ->
                WorkflowReplayer.replayWorkflowExecutionFromResource(
                    COMMITTED_DEEP_JOB, PlanFirstJobWorkflow.class))
        .hasMessageContaining(NonDeterministicException.class.getName());
  }

  /**
   * Writes the committed history again: {@code -Drecord.histories=true}, after a deliberate change.
   */
  @Test
  @EnabledIfSystemProperty(named = "record.histories", matches = "true")
  void record_the_committed_history(
      TestWorkflowEnvironment env, Worker worker, WorkflowClient client) throws Exception {
    WorkflowExecutionHistory history = runDeepJob(env, worker, client, "job-deep-two-steps");
    Path file = Path.of("src/test/resources", COMMITTED_DEEP_JOB);
    Files.createDirectories(file.getParent());
    Files.writeString(file, history.toJson(true));
  }

  private static WorkflowExecutionHistory runDeepJob(
      TestWorkflowEnvironment env, Worker worker, WorkflowClient client, String id) {
    JobWorkflowTest test = new JobWorkflowTest();
    test.start(env, worker);
    JobResult result = JobWorkflowTest.stub(client, worker, id).run(JobWorkflowTest.request(id));
    assertThat(result.status()).isEqualTo("done");
    return client.fetchHistory(id);
  }

  /**
   * A deliberately incompatible variant: it asks the planner before it reads the workspace, so its
   * commands come in another order than the recorded ones.
   */
  public static class PlanFirstJobWorkflow extends JobWorkflowImpl {
    private final ToolActivities tools =
        io.temporal.workflow.Workflow.newActivityStub(
            ToolActivities.class, dev.coracle.workflows.ActivityOptionsCatalog.workspaceRead());

    @Override
    public JobResult run(JobRequest request) {
      tools.toolset(request.jobId(), request.workspace(), request.requestClass());
      return super.run(request);
    }
  }
}
