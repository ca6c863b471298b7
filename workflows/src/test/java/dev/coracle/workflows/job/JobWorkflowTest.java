package dev.coracle.workflows.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.coracle.workflows.TaskQueues;
import dev.coracle.workflows.chat.ChatMessage;
import dev.coracle.workflows.chat.ChatRequest;
import dev.coracle.workflows.chat.RequestClass;
import dev.coracle.workflows.chat.SamplingParams;
import dev.coracle.workflows.chat.ToolCall;
import dev.coracle.workflows.chat.Usage;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class JobWorkflowTest {

  @RegisterExtension
  static final TestWorkflowExtension temporal =
      TestWorkflowExtension.newBuilder()
          .registerWorkflowImplementationTypes(JobWorkflowImpl.class)
          .setDoNotStart(true)
          .build();

  final FakeJobWorld world = new FakeJobWorld();

  static JobRequest request(String id, RequestClass requestClass, JobLimits limits) {
    ChatRequest chat =
        new ChatRequest(
            "coracle",
            List.of(new ChatMessage("user", "create a.txt and b.txt")),
            SamplingParams.defaults(),
            null);
    return new JobRequest(id, chat, "/work/repo", requestClass, limits, null);
  }

  static JobRequest request(String id) {
    return request(id, RequestClass.DEEP, JobLimits.defaults());
  }

  void start(TestWorkflowEnvironment env, Worker worker) {
    startWith(world, env, worker);
  }

  /** Registers {@code fake} on every queue a job uses and starts the environment. */
  void startWith(FakeJobWorld fake, TestWorkflowEnvironment env, Worker worker) {
    worker.registerActivitiesImplementations(fake);
    env.newWorker(TaskQueues.LLM).registerActivitiesImplementations(fake);
    env.newWorker(TaskQueues.CLOUD).registerActivitiesImplementations(fake);
    env.newWorker(TaskQueues.TOOLS).registerActivitiesImplementations(fake);
    env.start();
  }

  static JobWorkflow stub(WorkflowClient client, Worker worker, String id) {
    return client.newWorkflowStub(
        JobWorkflow.class,
        WorkflowOptions.newBuilder().setTaskQueue(worker.getTaskQueue()).setWorkflowId(id).build());
  }

  @Test
  void deep_job_plans_in_the_cloud_codes_locally_and_checkpoints_every_step(
      TestWorkflowEnvironment env, Worker worker, WorkflowClient client) {
    start(env, worker);

    JobResult result = stub(client, worker, "job-1").run(request("job-1"));

    assertThat(result.status()).isEqualTo("done");
    assertThat(world.files).containsOnlyKeys("a.txt", "b.txt");
    assertThat(result.changedFiles()).containsExactly("a.txt", "b.txt");
    assertThat(result.summary()).contains("2 of 2 steps done", "- a.txt", "- b.txt");
    assertThat(world.calls("job-plan"))
        .singleElement()
        .satisfies(c -> assertThat(c.target().local()).isFalse());
    assertThat(world.calls("job-coder")).allSatisfy(c -> assertThat(c.target().local()).isTrue());
    assertThat(world.calls("job-refine")).hasSize(1);
    // One verification after step 1; after the last step the job is simply done.
    assertThat(world.calls("job-verify")).hasSize(1);
    List<JobUpdate> checkpoints = world.updates.stream().filter(JobUpdate::clearProgress).toList();
    assertThat(checkpoints).hasSize(2);
    assertThat(checkpoints.get(0).snapshot().steps().get(0).status()).isEqualTo(JobStep.DONE);
    assertThat(checkpoints.get(0).snapshot().steps().get(1).status()).isEqualTo(JobStep.PENDING);
    assertThat(world.updates.stream().filter(u -> u.plan() != null)).hasSize(1);
    assertThat(world.lastSnapshot().status()).isEqualTo("done");
    assertThat(world.registered).singleElement().extracting(JobRequest::jobId).isEqualTo("job-1");
  }

  @Test
  void events_are_numbered_without_gaps_and_end_with_done(
      TestWorkflowEnvironment env, Worker worker, WorkflowClient client) {
    start(env, worker);
    stub(client, worker, "job-2").run(request("job-2"));

    List<JobEvent> events = world.storedEvents();
    for (int i = 0; i < events.size(); i++) {
      assertThat(events.get(i).seq()).isEqualTo(i + 1);
    }
    assertThat(events.get(0).type()).isEqualTo(JobEvent.CREATED);
    assertThat(events.get(events.size() - 1).type()).isEqualTo(JobEvent.DONE);
    assertThat(events)
        .extracting(JobEvent::type)
        .containsSubsequence(
            JobEvent.STEP_STARTED,
            JobEvent.TOOL,
            JobEvent.STEP_DONE,
            JobEvent.VERIFY,
            JobEvent.STEP_STARTED,
            JobEvent.TOOL,
            JobEvent.STEP_DONE,
            JobEvent.DONE);
    assertThat(world.lastSnapshot().lastEventSeq()).isEqualTo(events.size());
  }

  @Test
  void fast_job_is_one_local_step_without_planning(
      TestWorkflowEnvironment env, Worker worker, WorkflowClient client) {
    start(env, worker);
    JobResult result =
        stub(client, worker, "job-3")
            .run(request("job-3", RequestClass.FAST, JobLimits.defaults()));

    assertThat(result.steps()).hasSize(1);
    assertThat(world.calls("job-plan")).isEmpty();
    assertThat(world.calls("job-refine")).isEmpty();
    assertThat(world.modelCalls).allSatisfy(c -> assertThat(c.target().local()).isTrue());
  }

  @Test
  void recovered_job_never_reruns_a_done_step_and_reports_an_interrupted_write(
      TestWorkflowEnvironment env, Worker worker, WorkflowClient client) {
    start(env, worker);
    PlanStep first = new PlanStep("write a.txt", List.of(), List.of(), "exists");
    PlanStep second = new PlanStep("write b.txt", List.of(), List.of(), "exists");
    JobStep done =
        new JobStep(
            1,
            first,
            JobStep.DONE,
            "wrote it",
            List.of("a.txt"),
            2,
            1,
            "ollama/coder",
            new Usage(10, 5),
            1,
            2,
            List.of());
    ToolCall inFlight = new ToolCall("call-9", "write_file", "{\"path\":\"b.txt\"}");
    StepProgress progress =
        new StepProgress(
            2,
            List.of(
                new ChatMessage("system", "coder"),
                new ChatMessage("user", "Your step (2): write b.txt"),
                new ChatMessage("assistant", null, List.of(inFlight), null, null)),
            List.of(inFlight),
            1,
            0,
            List.of(),
            "ollama/coder",
            Usage.NONE,
            3);
    JobPlanState plan =
        new JobPlanState(
            "/work/repo",
            "art-1",
            "ctx",
            "brief",
            new JobPlan("p", List.of(first, second)),
            0,
            "groq/planner");
    JobResume resume =
        new JobResume(
            plan,
            List.of(done, JobStep.pending(2, second)),
            progress,
            17,
            new Usage(10, 5),
            List.of("a.txt"),
            false,
            true);

    JobResult result = stub(client, worker, "job-4").run(request("job-4").resumingFrom(resume));

    assertThat(result.status()).isEqualTo("done");
    assertThat(world.calls("job-plan")).isEmpty();
    assertThat(world.calls("job-refine")).isEmpty();
    // The interrupted write is not re-run; the coder is told and finishes the step.
    assertThat(world.toolRuns).isEmpty();
    assertThat(world.calls("job-coder")).hasSize(1);
    assertThat(world.calls("job-coder").get(0).messages())
        .anySatisfy(m -> assertThat(m.content()).contains("interrupted"));
    JobStep second2 = result.steps().get(1);
    assertThat(second2.interrupted()).singleElement().asString().contains("write_file");
    List<JobEvent> events = world.storedEvents();
    assertThat(events.get(0).seq()).isEqualTo(18);
    assertThat(events.get(0).type()).isEqualTo(JobEvent.RECOVERED);
    assertThat(events).extracting(JobEvent::type).contains(JobEvent.INTERRUPTED);
    assertThat(world.lastSnapshot().steps().get(0)).isEqualTo(done);
  }

  @Test
  void an_idempotent_call_in_flight_is_run_again_after_recovery(
      TestWorkflowEnvironment env, Worker worker, WorkflowClient client) {
    start(env, worker);
    PlanStep only = new PlanStep("read a.txt", List.of(), List.of(), "read");
    ToolCall read = new ToolCall("call-1", "read_file", "{\"path\":\"a.txt\"}");
    StepProgress progress =
        new StepProgress(
            1,
            List.of(
                new ChatMessage("user", "Your step (1): read a.txt"),
                new ChatMessage("assistant", null, List.of(read), null, null)),
            List.of(read),
            1,
            0,
            List.of(),
            "ollama/coder",
            Usage.NONE,
            3);
    JobPlanState plan =
        new JobPlanState(
            "/work/repo",
            "art-1",
            "ctx",
            "brief",
            new JobPlan("p", List.of(only)),
            0,
            "groq/planner");
    JobResume resume =
        new JobResume(
            plan,
            List.of(JobStep.pending(1, only)),
            progress,
            5,
            Usage.NONE,
            List.of(),
            false,
            true);

    JobResult result = stub(client, worker, "job-5").run(request("job-5").resumingFrom(resume));

    assertThat(world.toolRuns).singleElement().satisfies(r -> assertThat(r.call()).isEqualTo(read));
    assertThat(result.steps().get(0).interrupted()).isEmpty();
  }

  @Test
  void cancel_stops_the_job_within_one_coder_turn(
      TestWorkflowEnvironment env, Worker worker, WorkflowClient client) throws Exception {
    world.coderGate = new CountDownLatch(1);
    start(env, worker);
    JobWorkflow job = stub(client, worker, "job-6");
    WorkflowClient.start(job::run, request("job-6"));
    assertThat(world.coderEntered.await(10, TimeUnit.SECONDS)).isTrue();

    job.cancel("changed my mind");
    world.coderGate.countDown();
    JobResult result = WorkflowStub.fromTyped(job).getResult(10, TimeUnit.SECONDS, JobResult.class);

    assertThat(result.status()).isEqualTo("cancelled");
    // The turn in flight finished; no further coder turn and no later step ran.
    assertThat(world.calls("job-coder")).hasSize(1);
    assertThat(world.files).isEmpty();
    assertThat(world.lastSnapshot().error()).isEqualTo("cancelled: changed my mind");
    assertThat(world.storedEvents().get(world.storedEvents().size() - 1).type())
        .isEqualTo(JobEvent.CANCELLED);
  }

  @Test
  void pause_holds_the_job_until_resume(
      TestWorkflowEnvironment env, Worker worker, WorkflowClient client) throws Exception {
    world.coderGate = new CountDownLatch(1);
    start(env, worker);
    JobWorkflow job = stub(client, worker, "job-7");
    WorkflowClient.start(job::run, request("job-7"));
    assertThat(world.coderEntered.await(10, TimeUnit.SECONDS)).isTrue();

    job.pause();
    world.coderGate.countDown();
    awaitStatus(job, "paused");
    int coderCallsWhilePaused = world.calls("job-coder").size();
    Thread.sleep(300);
    assertThat(world.calls("job-coder")).hasSize(coderCallsWhilePaused);

    job.resume();
    JobResult result = WorkflowStub.fromTyped(job).getResult(10, TimeUnit.SECONDS, JobResult.class);
    assertThat(result.status()).isEqualTo("done");
    assertThat(world.storedEvents())
        .extracting(JobEvent::type)
        .containsSubsequence(JobEvent.PAUSED, JobEvent.RESUMED, JobEvent.DONE);
  }

  @Test
  void an_invalid_plan_gets_one_repair_round(
      TestWorkflowEnvironment env, Worker worker, WorkflowClient client) {
    world.plans.clear();
    world.plans.add("BAD");
    world.plans.add("PLAN:write c.txt");
    start(env, worker);

    JobResult result = stub(client, worker, "job-8").run(request("job-8"));

    assertThat(result.status()).isEqualTo("done");
    assertThat(world.files).containsOnlyKeys("c.txt");
    // The repair went to the local reasoning model with the planner's text and the reason.
    assertThat(world.calls("job-refine")).hasSize(2);
    assertThat(world.calls("job-refine").get(1).messages().get(1).content())
        .contains("not a plan", "BAD");
    assertThat(world.calls("job-refine").get(1).target().local()).isTrue();
  }

  @Test
  void a_plan_still_invalid_after_the_repair_fails_the_job_with_the_reason(
      TestWorkflowEnvironment env, Worker worker, WorkflowClient client) {
    world.plans.clear();
    world.plans.add("BAD");
    start(env, worker);

    WorkflowFailedException failed =
        catchThrowableOfType(
            () -> stub(client, worker, "job-9").run(request("job-9")),
            WorkflowFailedException.class);

    ApplicationFailure cause = (ApplicationFailure) failed.getCause();
    assertThat(cause.getType()).isEqualTo(JobWorkflowImpl.JOB_FAILED);
    assertThat(cause.getOriginalMessage()).contains("not a valid plan");
    assertThat(world.calls("job-refine")).hasSize(2);
    assertThat(world.lastSnapshot().status()).isEqualTo("failed");
    assertThat(world.lastSnapshot().error()).contains("not a valid plan");
  }

  @Test
  void the_verifier_can_replan_and_new_steps_continue_the_numbering(
      TestWorkflowEnvironment env, Worker worker, WorkflowClient client) {
    world.plans.clear();
    world.plans.add("PLAN:write a.txt|write b.txt");
    world.plans.add("PLAN:write c.txt|write d.txt");
    world.verdicts.add("replan:b.txt is not needed");
    start(env, worker);

    JobResult result = stub(client, worker, "job-10").run(request("job-10"));

    assertThat(result.steps())
        .extracting(s -> s.index() + " " + s.plan().goal() + " " + s.status())
        .containsExactly("1 write a.txt done", "2 write c.txt done", "3 write d.txt done");
    assertThat(world.calls("job-plan")).hasSize(2);
    assertThat(world.calls("job-plan").get(1).messages().get(1).content())
        .contains("b.txt is not needed", "1. write a.txt -> done");
    assertThat(world.files).containsOnlyKeys("a.txt", "c.txt", "d.txt");
  }

  @Test
  void the_verifier_can_end_the_job_early(
      TestWorkflowEnvironment env, Worker worker, WorkflowClient client) {
    world.verdicts.add("done");
    start(env, worker);

    JobResult result = stub(client, worker, "job-11").run(request("job-11"));

    assertThat(result.status()).isEqualTo("done");
    assertThat(result.steps())
        .extracting(JobStep::status)
        .containsExactly(JobStep.DONE, JobStep.SKIPPED);
    assertThat(world.files).containsOnlyKeys("a.txt");
  }

  @Test
  void a_long_history_continues_as_new_between_steps_and_keeps_numbering_events(
      TestWorkflowEnvironment env, Worker worker, WorkflowClient client) throws Exception {
    world.plans.clear();
    world.plans.add("PLAN:write a.txt|write b.txt|write c.txt|write d.txt");
    start(env, worker);
    JobRequest request = request("job-12", RequestClass.DEEP, new JobLimits(12, 8, 2, 40));

    JobWorkflow job = stub(client, worker, "job-12");
    WorkflowClient.start(job::run, request);
    JobResult result =
        client.newUntypedWorkflowStub("job-12").getResult(20, TimeUnit.SECONDS, JobResult.class);

    assertThat(result.status()).isEqualTo("done");
    assertThat(result.steps()).allSatisfy(s -> assertThat(s.status()).isEqualTo(JobStep.DONE));
    assertThat(world.calls("job-plan")).hasSize(1);
    assertThat(world.registered.size()).isGreaterThan(1);
    List<JobEvent> events = world.storedEvents();
    for (int i = 0; i < events.size(); i++) {
      assertThat(events.get(i).seq()).isEqualTo(i + 1);
    }
  }

  private static void awaitStatus(JobWorkflow job, String status) throws InterruptedException {
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

  @Test
  void a_job_past_its_tool_call_budget_stops_with_the_reason(
      TestWorkflowEnvironment env, Worker worker, WorkflowClient client) {
    start(env, worker);
    JobRequest request =
        request("job-13", RequestClass.DEEP, new JobLimits(12, 8, 2, 2000, 1, 0, 0));

    WorkflowFailedException failed =
        catchThrowableOfType(
            () -> stub(client, worker, "job-13").run(request), WorkflowFailedException.class);

    assertThat(((ApplicationFailure) failed.getCause()).getOriginalMessage())
        .contains("jobs.max-tool-calls");
    // The one allowed call ran; nothing after it.
    assertThat(world.toolRuns).hasSize(1);
    assertThat(world.lastSnapshot().status()).isEqualTo("failed");
    assertThat(world.lastSnapshot().error()).contains("1 tool calls");
    assertThat(world.storedEvents().get(world.storedEvents().size() - 1).type())
        .isEqualTo(JobEvent.FAILED);
  }
}
