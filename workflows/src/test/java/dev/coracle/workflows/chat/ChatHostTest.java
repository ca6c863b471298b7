package dev.coracle.workflows.chat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coracle.workflows.TaskQueues;
import dev.coracle.workflows.chat.FakeModels.Attempt;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.WorkflowReplayer;
import io.temporal.worker.Worker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * A chat's local model runs on the LLM slot of the host whose worker took the chat, and a
 * cloud-only chat records no host at all. Chat histories recorded before hosts replay on a
 * host-aware worker.
 */
class ChatHostTest {
  static final String HOST = "desk";
  static final String COMMITTED_ROLES_CHAT = "histories/chat-roles-host.json";

  private final TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance();
  private final List<Attempt> attempts = new CopyOnWriteArrayList<>();

  @AfterEach
  void close() {
    env.close();
  }

  private Worker hostAwareWorker(String queue) {
    Worker worker = env.newWorker(queue);
    worker.registerWorkflowImplementationFactory(
        ChatWorkflow.class, () -> new ChatWorkflowImpl(HOST));
    return worker;
  }

  private ChatWorkflow start(String id) {
    Worker worker = hostAwareWorker(TaskQueues.MAIN);
    worker.registerActivitiesImplementations(
        new FakeLightActivities(
            new Classification(RequestClass.FAST, 0.9, "rules", "fake verdict"),
            ChatWorkflowTest.plan(ChatWorkflowTest.OLLAMA_OK)),
        new FakeModels(TaskQueues.MAIN, attempts));
    // The plan's only model is local, so the one activity routes and hands the plan back.
    env.newWorker(TaskQueues.llmOf(HOST))
        .registerActivitiesImplementations(new FakeModels(TaskQueues.llmOf(HOST), attempts));
    env.start();
    return env.getWorkflowClient()
        .newWorkflowStub(
            ChatWorkflow.class,
            WorkflowOptions.newBuilder().setTaskQueue(TaskQueues.MAIN).setWorkflowId(id).build());
  }

  @Test
  void local_model_runs_on_the_slot_of_the_host_that_took_the_chat() {
    ChatResult result = start("chat-host").chat(ChatWorkflowTest.ask("coracle", "a monad?"));

    assertThat(attempts)
        .containsExactly(new Attempt(TaskQueues.llmOf(HOST), "ollama/qwen2.5:7b", 1));
    assertThat(result.content()).isEqualTo("answer from ollama/qwen2.5:7b");
  }

  @Test
  void committed_roles_chat_replays_on_a_worker_of_the_same_host() throws Exception {
    WorkflowReplayer.replayWorkflowExecutionFromResource(
        COMMITTED_ROLES_CHAT, hostAwareWorker("replay"));
  }

  @Test
  void chat_histories_from_before_hosts_replay_on_a_host_aware_worker() throws Exception {
    // chat-starts-job.json is left out: its child's id derives from the workflow id, which the
    // replayer renames; ChatWorkflowReplayTest replays it its own way.
    for (String committed :
        List.of(
            "histories/chat-fallback.json",
            "histories/chat-mcp-tools.json",
            "histories/chat-speed-hit.json",
            "histories/chat-speed-in-process.json",
            "histories/chat-speed-pass-through.json",
            "histories/chat-speed-status.json",
            "histories/chat-v1-hit.json",
            "histories/chat-v1-miss.json")) {
      WorkflowReplayer.replayWorkflowExecutionFromResource(
          committed, hostAwareWorker("replay-" + committed));
    }
  }

  /**
   * Writes the chat's history once: {@code -Drecord.history.roles=true}. A committed history is
   * never written again, so this refuses when the file exists.
   */
  @Test
  @EnabledIfSystemProperty(named = "record.history.roles", matches = "true")
  void record_the_roles_chat_history() throws Exception {
    Path file = Path.of("src/test/resources", COMMITTED_ROLES_CHAT);
    assertThat(file).doesNotExist();
    start("chat-roles-host").chat(ChatWorkflowTest.ask("coracle", "a monad?"));
    WorkflowClient client = env.getWorkflowClient();
    Files.writeString(file, client.fetchHistory("chat-roles-host").toJson(true));
  }
}
