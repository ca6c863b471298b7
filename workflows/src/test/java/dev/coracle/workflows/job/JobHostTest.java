package dev.coracle.workflows.job;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coracle.workflows.TaskQueues;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.WorkflowReplayer;
import io.temporal.worker.Worker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * A job pinned to a host: its workspace, tools and local models run on that host's queues, and the
 * version marker and the recorded host are in its history ({@link JobHostWaitIT}: a job whose host
 * has no worker). Also: histories recorded before hosts replay on a host-aware worker, which is the
 * upgrade every running job goes through.
 */
class JobHostTest {
  static final String HOST = "desk";
  static final String COMMITTED_ROLES_JOB = "histories/job-roles-host.json";

  final TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance();
  final FakeJobWorld world = new FakeJobWorld();

  /** The host's worker, answering the job's question whether it is there. */
  static final class Presence implements HostActivities {
    @Override
    public String present() {
      return HOST;
    }
  }

  @AfterEach
  void close() {
    env.close();
  }

  Worker hostAwareWorker() {
    return hostAwareWorker(TaskQueues.MAIN);
  }

  private Worker hostAwareWorker(String queue) {
    Worker worker = env.newWorker(queue);
    worker.registerWorkflowImplementationFactory(
        JobWorkflow.class, () -> new JobWorkflowImpl(HOST));
    worker.registerActivitiesImplementations(world);
    return worker;
  }

  private void startHostQueues() {
    env.newWorker(TaskQueues.llmOf(HOST)).registerActivitiesImplementations(world);
    env.newWorker(TaskQueues.CLOUD).registerActivitiesImplementations(world);
    env.newWorker(TaskQueues.toolsOf(HOST))
        .registerActivitiesImplementations(world, new Presence());
    env.start();
  }

  @Test
  void job_runs_its_tools_and_local_models_on_the_queues_of_its_host() {
    Worker worker = hostAwareWorker();
    startHostQueues();
    WorkflowClient client = env.getWorkflowClient();

    JobResult result =
        JobWorkflowTest.stub(client, worker, "job-host").run(JobWorkflowTest.request("job-host"));

    assertThat(result.status()).isEqualTo("done");
    assertThat(world.files).containsOnlyKeys("a.txt", "b.txt");
    assertThat(world.registered).singleElement().extracting(JobRequest::hostId).isEqualTo(HOST);
    List<String> queues = scheduledQueues(client.fetchHistory("job-host"));
    assertThat(queues)
        .contains(TaskQueues.toolsOf(HOST), TaskQueues.llmOf(HOST), TaskQueues.CLOUD)
        .doesNotContain(TaskQueues.LLM, TaskQueues.TOOLS);
  }

  @Test
  void committed_roles_history_replays_on_a_worker_of_the_same_host() throws Exception {
    WorkflowReplayer.replayWorkflowExecutionFromResource(
        COMMITTED_ROLES_JOB, hostAwareWorker("replay"));
  }

  @Test
  void committed_roles_history_pins_the_host_with_a_version_marker() throws Exception {
    WorkflowExecutionHistory history =
        WorkflowExecutionHistory.fromJson(
            new String(
                getClass().getClassLoader().getResourceAsStream(COMMITTED_ROLES_JOB).readAllBytes(),
                java.nio.charset.StandardCharsets.UTF_8));
    List<String> markers = new ArrayList<>();
    for (HistoryEvent event : history.getEvents()) {
      if (event.getEventType() == EventType.EVENT_TYPE_MARKER_RECORDED) {
        event.getMarkerRecordedEventAttributes().getDetailsMap().values().stream()
            .flatMap(p -> p.getPayloadsList().stream())
            .forEach(p -> markers.add(p.getData().toStringUtf8()));
      }
    }
    assertThat(markers).contains("\"" + JobWorkflowImpl.ROLES_JOB_HOST + "\"", "\"" + HOST + "\"");
    assertThat(scheduledQueues(history)).contains(TaskQueues.toolsOf(HOST));
  }

  @Test
  void histories_from_before_hosts_replay_on_a_host_aware_worker() throws Exception {
    for (String committed :
        List.of(
            JobWorkflowReplayTest.COMMITTED_DEEP_JOB,
            JobWorkflowReplayV2Test.COMMITTED_V2,
            "histories/job-approved-plan.json",
            "histories/job-recycle-moved.json",
            "histories/job-recycle-handed-over.json")) {
      WorkflowReplayer.replayWorkflowExecutionFromResource(
          committed, hostAwareWorker("replay-" + committed));
    }
  }

  /**
   * Writes the pinned job's history once: {@code -Drecord.history.roles=true}. A committed history
   * is never written again, so this refuses when the file exists.
   */
  @Test
  @EnabledIfSystemProperty(named = "record.history.roles", matches = "true")
  void record_the_roles_history() throws Exception {
    Path file = Path.of("src/test/resources", COMMITTED_ROLES_JOB);
    assertThat(file).doesNotExist();
    Worker worker = hostAwareWorker();
    startHostQueues();
    WorkflowClient client = env.getWorkflowClient();
    String id = "job-roles-host";
    JobResult result = JobWorkflowTest.stub(client, worker, id).run(JobWorkflowTest.request(id));
    assertThat(result.status()).isEqualTo("done");
    Files.writeString(file, client.fetchHistory(id).toJson(true));
  }

  private static List<String> scheduledQueues(WorkflowExecutionHistory history) {
    List<String> queues = new ArrayList<>();
    for (HistoryEvent event : history.getEvents()) {
      if (event.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED) {
        queues.add(event.getActivityTaskScheduledEventAttributes().getTaskQueue().getName());
      }
    }
    return queues;
  }
}
