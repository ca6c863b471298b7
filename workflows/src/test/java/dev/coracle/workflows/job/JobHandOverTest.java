package dev.coracle.workflows.job;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coracle.workflows.TaskQueues;
import dev.coracle.workflows.chat.RequestClass;
import dev.coracle.workflows.chat.ToolCall;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowStub;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.testing.WorkflowReplayer;
import io.temporal.worker.Worker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A job asked to hand over (coracle recycles its embedded Temporal server) stops at its next safe
 * point without touching the store, and the run started from the store's resume point carries on as
 * if nothing happened: the tool call the first run had not started runs once, in the new run.
 */
class JobHandOverTest {

  @RegisterExtension
  static final TestWorkflowExtension temporal =
      TestWorkflowExtension.newBuilder()
          .registerWorkflowImplementationTypes(JobWorkflowImpl.class)
          .setDoNotStart(true)
          .build();

  static final String HANDED_OVER_HISTORY = "histories/job-recycle-handed-over.json";
  static final String MOVED_HISTORY = "histories/job-recycle-moved.json";

  final FakeJobWorld world = new FakeJobWorld();

  @Test
  void a_job_handed_over_mid_turn_stops_before_its_tool_call_and_the_next_run_makes_it_once(
      TestWorkflowEnvironment env, Worker worker, WorkflowClient client) throws Exception {
    world.coderGate = new CountDownLatch(1);
    worker.registerActivitiesImplementations(world);
    env.newWorker(TaskQueues.LLM).registerActivitiesImplementations(world);
    env.newWorker(TaskQueues.CLOUD).registerActivitiesImplementations(world);
    env.newWorker(TaskQueues.TOOLS).registerActivitiesImplementations(world);
    env.start();
    JobRequest request = JobWorkflowTest.request("job-h", RequestClass.FAST, JobLimits.defaults());
    JobWorkflow first = JobWorkflowTest.stub(client, worker, "job-h");
    WorkflowClient.start(first::run, request);
    assertThat(world.coderEntered.await(10, TimeUnit.SECONDS)).isTrue();

    // The coder turn in flight answers with a write_file call; the hand-over comes first.
    first.handOver();
    world.coderGate.countDown();
    JobResult handedOver =
        WorkflowStub.fromTyped(first).getResult(10, TimeUnit.SECONDS, JobResult.class);
    String firstRun = WorkflowStub.fromTyped(first).getExecution().getRunId();

    assertThat(handedOver.status()).isEqualTo(JobWorkflow.HANDED_OVER);
    assertThat(world.toolRuns).isEmpty();
    JobSnapshot stored = world.lastSnapshot();
    assertThat(stored.status()).isEqualTo("running");
    StepProgress progress = lastProgress();
    assertThat(progress.pendingCalls()).extracting(ToolCall::name).containsExactly("write_file");

    JobResume resume =
        new JobResume(
                lastPlan(),
                world.storedSteps(),
                progress,
                stored.lastEventSeq(),
                stored.usage(),
                stored.changedFiles(),
                false,
                true,
                stored.createdAt())
            .movedToFreshServer(true);
    JobWorkflow second = JobWorkflowTest.stub(client, worker, "job-h");
    JobResult result = second.run(request.resumingFrom(resume));

    assertThat(result.status()).isEqualTo("done");
    assertThat(world.toolRuns)
        .singleElement()
        .satisfies(run -> assertThat(run.call()).isEqualTo(progress.pendingCalls().get(0)));
    assertThat(result.steps().get(0).interrupted()).isEmpty();
    List<JobEvent> events = world.storedEvents();
    assertThat(events)
        .extracting(JobEvent::seq)
        .containsExactlyElementsOf(
            java.util.stream.LongStream.rangeClosed(1, events.size()).boxed().toList());
    assertThat(events)
        .filteredOn(e -> e.seq() == stored.lastEventSeq() + 1)
        .singleElement()
        .satisfies(e -> assertThat(e.message()).contains("moved to a fresh Temporal server"));
    assertThat(events).extracting(JobEvent::type).doesNotContain(JobEvent.INTERRUPTED);
    // Both runs replay: the hand-over path is as deterministic as the rest.
    WorkflowExecutionHistory handedOverHistory = client.fetchHistory("job-h", firstRun);
    WorkflowExecutionHistory movedHistory =
        client.fetchHistory("job-h", WorkflowStub.fromTyped(second).getExecution().getRunId());
    WorkflowReplayer.replayWorkflowExecution(handedOverHistory, JobWorkflowImpl.class);
    WorkflowReplayer.replayWorkflowExecution(movedHistory, JobWorkflowImpl.class);
    if (Boolean.getBoolean("record.histories")) {
      write(HANDED_OVER_HISTORY, handedOverHistory);
      write(MOVED_HISTORY, movedHistory);
    }
  }

  @Test
  void committed_hand_over_histories_replay_against_the_current_workflow() throws Exception {
    WorkflowReplayer.replayWorkflowExecutionFromResource(
        HANDED_OVER_HISTORY, JobWorkflowImpl.class);
    WorkflowReplayer.replayWorkflowExecutionFromResource(MOVED_HISTORY, JobWorkflowImpl.class);
  }

  private static void write(String resource, WorkflowExecutionHistory history) throws Exception {
    Path file = Path.of("src/test/resources", resource);
    if (!Files.exists(file)) {
      // Committed histories are never recorded again; only a missing one is written.
      Files.writeString(file, history.toJson(true));
    }
  }

  @Test
  void a_paused_job_hands_over_at_once_and_stays_paused_in_the_store(
      TestWorkflowEnvironment env, Worker worker, WorkflowClient client) throws Exception {
    world.coderGate = new CountDownLatch(1);
    worker.registerActivitiesImplementations(world);
    env.newWorker(TaskQueues.LLM).registerActivitiesImplementations(world);
    env.newWorker(TaskQueues.CLOUD).registerActivitiesImplementations(world);
    env.newWorker(TaskQueues.TOOLS).registerActivitiesImplementations(world);
    env.start();
    JobWorkflow job = JobWorkflowTest.stub(client, worker, "job-p");
    WorkflowClient.start(
        job::run, JobWorkflowTest.request("job-p", RequestClass.FAST, JobLimits.defaults()));
    assertThat(world.coderEntered.await(10, TimeUnit.SECONDS)).isTrue();
    job.pause();
    world.coderGate.countDown();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!"paused".equals(world.lastSnapshot().status()) && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }

    job.handOver();
    JobResult result = WorkflowStub.fromTyped(job).getResult(10, TimeUnit.SECONDS, JobResult.class);

    assertThat(result.status()).isEqualTo(JobWorkflow.HANDED_OVER);
    assertThat(world.lastSnapshot().status()).isEqualTo("paused");
  }

  private StepProgress lastProgress() {
    return world.updates.stream()
        .map(JobUpdate::progress)
        .filter(Objects::nonNull)
        .reduce((a, b) -> b)
        .orElseThrow();
  }

  private JobPlanState lastPlan() {
    return world.updates.stream()
        .map(JobUpdate::plan)
        .filter(Objects::nonNull)
        .reduce((a, b) -> b)
        .orElseThrow();
  }
}
