package dev.coracle.workflows.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.testing.WorkflowReplayer;
import io.temporal.worker.NonDeterministicException;
import io.temporal.worker.Worker;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Replays the two-step deep job as recorded after {@link JobHistory#BY_REFERENCE}: coder turns by
 * reference, tool outputs as artifacts. Together with {@link JobWorkflowReplayTest}, which replays
 * the one recorded before, this pins both layouts: jobs in flight of either kind survive an
 * upgrade.
 */
class JobWorkflowReplayV2Test {
  static final String COMMITTED_V2 = "histories/job-deep-two-steps-v2.json";

  @RegisterExtension
  static final TestWorkflowExtension temporal =
      TestWorkflowExtension.newBuilder()
          .registerWorkflowImplementationTypes(JobWorkflowImpl.class)
          .setDoNotStart(true)
          .build();

  @Test
  void committed_v2_history_replays_against_the_current_workflow() throws Exception {
    WorkflowReplayer.replayWorkflowExecutionFromResource(COMMITTED_V2, JobWorkflowImpl.class);
  }

  @Test
  void committed_v2_history_carries_the_version_marker_and_coder_turns_by_reference()
      throws Exception {
    WorkflowExecutionHistory history = WorkflowExecutionHistory.fromJson(resource(COMMITTED_V2));
    List<String> markers = new ArrayList<>();
    List<String> scheduled = new ArrayList<>();
    for (HistoryEvent event : history.getEvents()) {
      if (event.getEventType() == EventType.EVENT_TYPE_MARKER_RECORDED) {
        event.getMarkerRecordedEventAttributes().getDetailsMap().values().stream()
            .flatMap(p -> p.getPayloadsList().stream())
            .forEach(p -> markers.add(p.getData().toStringUtf8()));
      } else if (event.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED) {
        var attributes = event.getActivityTaskScheduledEventAttributes();
        scheduled.add(
            attributes.getActivityType().getName()
                + " "
                + attributes.getInput().getPayloadsList().stream()
                    .map(p -> p.getData().toStringUtf8())
                    .toList());
      }
    }

    assertThat(markers).contains("\"" + JobHistory.BY_REFERENCE + "\"", "\"RouteCoderTurn\"");
    assertThat(scheduled).anySatisfy(s -> assertThat(s).startsWith("CallCoderTurn"));
    // No model call of the coder carries its conversation.
    assertThat(scheduled).noneSatisfy(s -> assertThat(s).contains("job-coder"));
  }

  @Test
  void committed_v2_history_fails_to_replay_when_the_plan_comes_before_the_workspace() {
    assertThatThrownBy(
            () ->
                WorkflowReplayer.replayWorkflowExecutionFromResource(
                    COMMITTED_V2, JobWorkflowReplayTest.PlanFirstJobWorkflow.class))
        .hasMessageContaining(NonDeterministicException.class.getName());
  }

  /**
   * Writes the v2 history once: {@code -Drecord.history.v2=true}. A committed history is never
   * written again, so this refuses when the file exists.
   */
  @Test
  @EnabledIfSystemProperty(named = "record.history.v2", matches = "true")
  void record_the_v2_history(TestWorkflowEnvironment env, Worker worker, WorkflowClient client)
      throws Exception {
    Path file = Path.of("src/test/resources", COMMITTED_V2);
    assertThat(file).doesNotExist();
    JobWorkflowTest test = new JobWorkflowTest();
    test.start(env, worker);
    String id = "job-deep-two-steps-v2";
    JobResult result = JobWorkflowTest.stub(client, worker, id).run(JobWorkflowTest.request(id));
    assertThat(result.status()).isEqualTo("done");
    Files.writeString(file, client.fetchHistory(id).toJson(true));
  }

  private static String resource(String name) throws IOException {
    try (InputStream in =
        JobWorkflowReplayV2Test.class.getClassLoader().getResourceAsStream(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
