package dev.coracle.workflows.job;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coracle.workflows.chat.RequestClass;
import dev.coracle.workflows.chat.Usage;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowStub;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.testing.WorkflowReplayer;
import io.temporal.worker.Worker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Plan approval: a job that asked for it holds after planning until a person decides. */
class PlanApprovalWorkflowTest {
  static final String COMMITTED_APPROVED_JOB = "histories/job-approved-plan.json";

  @RegisterExtension
  static final TestWorkflowExtension temporal =
      TestWorkflowExtension.newBuilder()
          .registerWorkflowImplementationTypes(JobWorkflowImpl.class)
          .setDoNotStart(true)
          .build();

  final JobWorkflowTest jobs = new JobWorkflowTest();
  final FakeJobWorld world = jobs.world;

  static JobLimits approving(int timeoutHours) {
    JobLimits defaults = JobLimits.defaults();
    return new JobLimits(
        defaults.maxSteps(),
        defaults.maxTurnsPerStep(),
        defaults.maxReplans(),
        defaults.historyEventsBeforeContinue(),
        defaults.maxToolCalls(),
        defaults.maxTokens(),
        defaults.maxWallMinutes(),
        true,
        timeoutHours);
  }

  private JobWorkflow startWaiting(
      TestWorkflowEnvironment env, Worker worker, WorkflowClient client, String id)
      throws InterruptedException {
    jobs.start(env, worker);
    JobWorkflow job = JobWorkflowTest.stub(client, worker, id);
    WorkflowClient.start(job::run, JobWorkflowTest.request(id, RequestClass.DEEP, approving(24)));
    awaitStatus(job, "waiting_approval");
    return job;
  }

  @Test
  void a_job_waiting_for_approval_hands_over_at_once_and_stays_waiting_in_the_store(
      TestWorkflowEnvironment env, Worker worker, WorkflowClient client) throws Exception {
    JobWorkflow job = startWaiting(env, worker, client, "job-a8");
    long eventsBefore = world.storedEvents().size();

    job.handOver();
    JobResult result =
        WorkflowStub.fromTyped(job)
            .getResult(10, java.util.concurrent.TimeUnit.SECONDS, JobResult.class);

    assertThat(result.status()).isEqualTo(JobWorkflow.HANDED_OVER);
    assertThat(world.lastSnapshot().status()).isEqualTo("waiting_approval");
    assertThat(world.storedEvents()).hasSize((int) eventsBefore);
    assertThat(world.calls("job-coder")).isEmpty();
    assertThat(world.toolRuns).isEmpty();
  }

  @Test
  void a_job_that_asks_for_approval_waits_with_its_plan_and_no_coder_turn(
      TestWorkflowEnvironment env, Worker worker, WorkflowClient client) throws Exception {
    JobWorkflow job = startWaiting(env, worker, client, "job-a1");

    JobSnapshot waiting = world.lastSnapshot();
    assertThat(waiting.status()).isEqualTo("waiting_approval");
    assertThat(waiting.steps())
        .extracting(s -> s.plan().goal())
        .containsExactly("write a.txt", "write b.txt");
    assertThat(world.storedEvents())
        .last()
        .satisfies(
            e -> {
              assertThat(e.type()).isEqualTo(JobEvent.WAITING_APPROVAL);
              assertThat(e.message()).contains("1. write a.txt", "2. write b.txt");
            });
    assertThat(world.calls("job-coder")).isEmpty();
    assertThat(world.toolRuns).isEmpty();

    job.approve(null);
    JobResult result = WorkflowStub.fromTyped(job).getResult(JobResult.class);

    assertThat(result.status()).isEqualTo("done");
    assertThat(world.files).containsOnlyKeys("a.txt", "b.txt");
    assertThat(world.storedEvents()).extracting(JobEvent::type).contains(JobEvent.APPROVED);
    assertThat(world.updates.stream().filter(u -> u.plan() != null).toList())
        .last()
        .satisfies(u -> assertThat(u.plan().approvedAt()).isPositive());
  }

  @Test
  void an_edited_plan_runs_the_edited_steps(
      TestWorkflowEnvironment env, Worker worker, WorkflowClient client) throws Exception {
    JobWorkflow job = startWaiting(env, worker, client, "job-a2");

    job.approve(
        new JobPlan(
            "edited",
            List.of(
                new PlanStep("write c.txt", List.of("c.txt"), List.of(), "c.txt exists"),
                new PlanStep("write d.txt", List.of("d.txt"), List.of(), "d.txt exists"),
                new PlanStep("write e.txt", List.of("e.txt"), List.of(), "e.txt exists"))));
    JobResult result = WorkflowStub.fromTyped(job).getResult(JobResult.class);

    assertThat(result.status()).isEqualTo("done");
    assertThat(world.files).containsOnlyKeys("c.txt", "d.txt", "e.txt");
    assertThat(result.steps())
        .extracting(s -> s.plan().goal())
        .containsExactly("write c.txt", "write d.txt", "write e.txt");
  }

  @Test
  void a_rejection_replans_with_the_reason_and_a_second_one_ends_the_job(
      TestWorkflowEnvironment env, Worker worker, WorkflowClient client) throws Exception {
    world.plans.clear();
    world.plans.addAll(List.of("PLAN:write a.txt|write b.txt", "PLAN:write only a.txt"));
    JobWorkflow job = startWaiting(env, worker, client, "job-a3");

    job.reject("b.txt is not wanted");
    awaitEvents(JobEvent.WAITING_APPROVAL, 2);

    assertThat(world.calls("job-plan")).hasSize(2);
    assertThat(world.calls("job-plan").get(1).messages().get(1).content())
        .contains("b.txt is not wanted", "1. write a.txt");
    assertThat(world.lastSnapshot().steps())
        .extracting(s -> s.plan().goal())
        .containsExactly("write only a.txt");

    job.reject("still wrong");
    JobResult result = WorkflowStub.fromTyped(job).getResult(JobResult.class);

    assertThat(result.status()).isEqualTo("cancelled");
    assertThat(world.lastSnapshot().error()).contains("rejected twice", "still wrong");
    assertThat(world.calls("job-coder")).isEmpty();
  }

  @Test
  void a_plan_nobody_approves_in_time_cancels_the_job_with_the_reason(
      TestWorkflowEnvironment env, Worker worker, WorkflowClient client) throws Exception {
    JobWorkflow job = startWaiting(env, worker, client, "job-a4");

    env.sleep(Duration.ofHours(25));
    JobResult result = WorkflowStub.fromTyped(job).getResult(JobResult.class);

    assertThat(result.status()).isEqualTo("cancelled");
    assertThat(world.lastSnapshot().error()).contains("not approved within 24 hours");
  }

  @Test
  void a_job_resumed_while_waiting_waits_again_without_planning(
      TestWorkflowEnvironment env, Worker worker, WorkflowClient client) throws Exception {
    jobs.start(env, worker);
    JobPlan plan =
        new JobPlan(
            "p", List.of(new PlanStep("write a.txt", List.of(), List.of(), "a.txt exists")));
    JobPlanState planState =
        new JobPlanState("/work/repo", "art-1", "README.md", "brief", plan, 0, "groq/planner");
    JobResume resume =
        new JobResume(
            planState,
            List.of(JobStep.pending(1, plan.steps().get(0))),
            null,
            7,
            Usage.NONE,
            List.of(),
            false,
            true,
            env.currentTimeMillis(),
            env.currentTimeMillis());
    JobWorkflow job = JobWorkflowTest.stub(client, worker, "job-a5");
    WorkflowClient.start(
        job::run,
        JobWorkflowTest.request("job-a5", RequestClass.DEEP, approving(24)).resumingFrom(resume));
    awaitStatus(job, "waiting_approval");

    assertThat(world.lastSnapshot().status()).isEqualTo("waiting_approval");
    assertThat(world.calls("job-plan")).isEmpty();
    assertThat(world.calls("job-coder")).isEmpty();

    job.approve(null);
    JobResult result = WorkflowStub.fromTyped(job).getResult(JobResult.class);
    assertThat(result.status()).isEqualTo("done");
    assertThat(world.files).containsOnlyKeys("a.txt");
  }

  @Test
  void committed_approved_job_history_replays_against_the_current_workflow() throws Exception {
    WorkflowReplayer.replayWorkflowExecutionFromResource(
        COMMITTED_APPROVED_JOB, JobWorkflowImpl.class);
  }

  /** Writes the committed history: {@code -Drecord.approval.history=true}, once. */
  @Test
  @EnabledIfSystemProperty(named = "record.approval.history", matches = "true")
  void record_the_committed_approved_history(
      TestWorkflowEnvironment env, Worker worker, WorkflowClient client) throws Exception {
    JobWorkflow job = startWaiting(env, worker, client, "job-approved-plan");
    job.approve(null);
    WorkflowStub.fromTyped(job).getResult(JobResult.class);
    WorkflowExecutionHistory history = client.fetchHistory("job-approved-plan");
    Path file = Path.of("src/test/resources", COMMITTED_APPROVED_JOB);
    Files.writeString(file, history.toJson(true));
  }

  private void awaitEvents(String type, int count) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (System.nanoTime() < deadline) {
      if (world.storedEvents().stream().filter(e -> type.equals(e.type())).count() >= count) {
        return;
      }
      Thread.sleep(20);
    }
    throw new AssertionError("never saw " + count + " events of type " + type);
  }

  static void awaitStatus(JobWorkflow job, String status) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (System.nanoTime() < deadline) {
      JobSnapshot snapshot = job.snapshot();
      if (snapshot != null && status.equals(snapshot.status())) {
        return;
      }
      Thread.sleep(20);
    }
    throw new AssertionError("job never became " + status);
  }
}
