package dev.coracle.workflows.job;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coracle.workflows.chat.ChatMessage;
import dev.coracle.workflows.chat.RequestClass;
import io.temporal.api.history.v1.History;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A long job's history stays linear in its turns: transcripts and long tool outputs are in the
 * store, and a run hands over to a fresh one when its history grows, also in the middle of a step.
 * Sizes are taken from the real histories of every run in the continue-as-new chain.
 */
class JobHistorySizeTest {
  static final int STEPS = 12;
  static final int TOOL_TURNS = 8;
  static final int TOOL_OUTPUT_BYTES = 16 * 1024;
  static final int RUN_LIMIT_BYTES = 2 * 1024 * 1024;
  static final long PAYLOAD_LIMIT_BYTES = 256 * 1024;

  @RegisterExtension
  static final TestWorkflowExtension temporal =
      TestWorkflowExtension.newBuilder()
          .registerWorkflowImplementationTypes(JobWorkflowImpl.class)
          .setDoNotStart(true)
          .build();

  final FakeJobWorld world = new FakeJobWorld();

  @Test
  void twelve_steps_of_eight_turns_with_16_kb_outputs_keep_each_run_under_2_mb(
      TestWorkflowEnvironment env, Worker worker, WorkflowClient client) throws Exception {
    JobResult result = runLongJob(env, worker, client, "job-long", 2000);

    assertThat(result.status()).isEqualTo("done");
    assertThat(result.steps()).hasSize(STEPS);
    assertThat(result.steps()).allSatisfy(s -> assertThat(s.status()).isEqualTo(JobStep.DONE));
    assertThat(world.toolRuns).hasSize(STEPS * TOOL_TURNS);
    // The coder read every output whole from the store, though the history held only a preview.
    assertThat(world.calls("job-coder"))
        .filteredOn(c -> lastIsTool(c.messages()) && c.messages().size() > 4)
        .allSatisfy(
            c ->
                assertThat(c.messages().get(c.messages().size() - 1).content())
                    .hasSize(TOOL_OUTPUT_BYTES));
    List<WorkflowExecutionHistory> runs = runs(client, "job-long");
    for (WorkflowExecutionHistory run : runs) {
      History history = run.getHistory();
      assertThat(history.getSerializedSize()).isLessThan(RUN_LIMIT_BYTES);
      assertThat(largestEvent(history)).isLessThan(PAYLOAD_LIMIT_BYTES);
    }
    System.out.println("[job-history-size] " + describe(runs));
  }

  @Test
  void a_long_step_continues_as_new_between_turns_without_running_a_call_twice(
      TestWorkflowEnvironment env, Worker worker, WorkflowClient client) throws Exception {
    // Few events per run: the job must hand over inside its steps, not only between them.
    JobResult result = runLongJob(env, worker, client, "job-handover", 60);

    assertThat(result.status()).isEqualTo("done");
    assertThat(result.steps()).allSatisfy(s -> assertThat(s.status()).isEqualTo(JobStep.DONE));
    List<WorkflowExecutionHistory> runs = runs(client, "job-handover");
    assertThat(runs.size()).isGreaterThan(STEPS);
    // Each tool call ran once, and each step saw each of its turns once.
    assertThat(world.toolRuns).hasSize(STEPS * TOOL_TURNS);
    assertThat(world.toolRuns.stream().map(r -> r.call().id()).distinct())
        .hasSize(STEPS * TOOL_TURNS);
    assertThat(result.steps()).allSatisfy(s -> assertThat(s.turns()).isEqualTo(TOOL_TURNS + 1));
    assertThat(world.calls("job-plan")).hasSize(1);
    List<JobEvent> events = world.storedEvents();
    for (int i = 0; i < events.size(); i++) {
      assertThat(events.get(i).seq()).isEqualTo(i + 1);
    }
    assertThat(events.stream().filter(e -> e.type().equals(JobEvent.STEP_DONE))).hasSize(STEPS);
    assertThat(events.stream().filter(e -> e.type().equals(JobEvent.TOOL)))
        .hasSize(STEPS * TOOL_TURNS);
  }

  private JobResult runLongJob(
      TestWorkflowEnvironment env, Worker worker, WorkflowClient client, String id, int events)
      throws Exception {
    world.plans.clear();
    world.plans.add(
        "PLAN:"
            + IntStream.rangeClosed(1, STEPS)
                .mapToObj(i -> "write f" + i + ".txt")
                .collect(Collectors.joining("|")));
    // Every verdict says continue, so each step runs to its end.
    world.toolTurnsPerStep = TOOL_TURNS;
    world.readOutputBytes = TOOL_OUTPUT_BYTES;
    new JobWorkflowTest().startWith(world, env, worker);
    JobLimits limits = new JobLimits(STEPS, TOOL_TURNS + 1, 2, events, 0, 0, 0);
    JobWorkflow job = JobWorkflowTest.stub(client, worker, id);
    WorkflowClient.start(job::run, JobWorkflowTest.request(id, RequestClass.DEEP, limits));
    return client.newUntypedWorkflowStub(id).getResult(120, TimeUnit.SECONDS, JobResult.class);
  }

  /** Every run of the job, first to last, following each run back to the one it continued. */
  static List<WorkflowExecutionHistory> runs(WorkflowClient client, String id) {
    List<WorkflowExecutionHistory> runs = new ArrayList<>();
    WorkflowExecutionHistory run = client.fetchHistory(id);
    while (true) {
      runs.add(run);
      String previous =
          run.getEvents()
              .get(0)
              .getWorkflowExecutionStartedEventAttributes()
              .getContinuedExecutionRunId();
      if (previous.isEmpty()) {
        break;
      }
      run = client.fetchHistory(id, previous);
    }
    Collections.reverse(runs);
    return runs;
  }

  static long largestEvent(History history) {
    return history.getEventsList().stream()
        .mapToLong(HistoryEvent::getSerializedSize)
        .max()
        .orElse(0);
  }

  static String describe(List<WorkflowExecutionHistory> runs) {
    StringBuilder text = new StringBuilder().append(runs.size()).append(" runs;");
    for (WorkflowExecutionHistory run : runs) {
      text.append(" [")
          .append(run.getEvents().size())
          .append(" events, ")
          .append(run.getHistory().getSerializedSize())
          .append(" bytes, largest event ")
          .append(largestEvent(run.getHistory()))
          .append("]");
    }
    return text.toString();
  }

  private static boolean lastIsTool(List<ChatMessage> messages) {
    return !messages.isEmpty() && "tool".equals(messages.get(messages.size() - 1).role());
  }
}
