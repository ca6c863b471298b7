package dev.coracle.workflows.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coracle.workflows.ActivityOptionsCatalog;
import dev.coracle.workflows.TaskQueues;
import dev.coracle.workflows.model.ModelActivities;
import dev.coracle.workflows.model.ModelAnswer;
import dev.coracle.workflows.model.ModelCall;
import dev.coracle.workflows.model.ModelTarget;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.testing.WorkflowReplayer;
import io.temporal.worker.NonDeterministicException;
import io.temporal.worker.Worker;
import io.temporal.workflow.Workflow;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Replays chat histories against the current {@link ChatWorkflowImpl}. The committed history was
 * recorded from a fallback path (classify, route, a rate-limited cloud model, then the local
 * model); a change that makes the workflow issue different commands for it would break chats that
 * are in flight during an upgrade, and fails here first.
 */
class ChatWorkflowReplayTest {
  /** Recorded before the cache-agent-vote version: must keep replaying on the original path. */
  static final String COMMITTED_FALLBACK = "histories/chat-fallback.json";

  /** Recorded at version 1: an unsure classifier, the local vote, a cache miss, the store. */
  static final String COMMITTED_V1_MISS = "histories/chat-v1-miss.json";

  /** Recorded at version 1: the same question again, answered from the cache. */
  static final String COMMITTED_V1_HIT = "histories/chat-v1-hit.json";

  /** Recorded at chat-starts-jobs version 1: a deep chat that starts a coding job as a child. */
  static final String COMMITTED_JOB_START = "histories/chat-starts-job.json";

  /** Recorded at chat-mcp-tools version 1: list the tools, a search call, then the answer. */
  static final String COMMITTED_MCP_LOOP = "histories/chat-mcp-tools.json";

  @RegisterExtension static final TestWorkflowExtension temporal = ChatWorkers.unstarted();

  @Test
  void committed_fallback_history_replays_against_the_current_workflow() throws Exception {
    WorkflowReplayer.replayWorkflowExecutionFromResource(
        COMMITTED_FALLBACK, ChatWorkflowImpl.class);
  }

  @Test
  void committed_version_1_histories_replay_against_the_current_workflow() throws Exception {
    WorkflowReplayer.replayWorkflowExecutionFromResource(COMMITTED_V1_MISS, ChatWorkflowImpl.class);
    WorkflowReplayer.replayWorkflowExecutionFromResource(COMMITTED_V1_HIT, ChatWorkflowImpl.class);
  }

  @Test
  void committed_job_start_history_replays_against_the_current_workflow() throws Exception {
    // The job's id derives from the chat's, so the replay needs the recorded workflow id (a
    // history file alone replays under a placeholder id).
    String json;
    try (var in = getClass().getClassLoader().getResourceAsStream(COMMITTED_JOB_START)) {
      json = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }
    WorkflowExecutionHistory recorded =
        new WorkflowExecutionHistory(
            WorkflowExecutionHistory.fromJson(json).getHistory(), "chat-starts-job");
    WorkflowReplayer.replayWorkflowExecution(recorded, ChatWorkflowImpl.class);
  }

  /** Writes the job-start history again: {@code -Drecord.histories=true}. */
  @Test
  @org.junit.jupiter.api.condition.EnabledIfSystemProperty(
      named = "record.histories",
      matches = "true")
  void record_the_job_start_history(TestWorkflowEnvironment env, Worker worker) throws Exception {
    worker.registerActivitiesImplementations(
        new FakeLightActivities(
            RequestClass.DEEP, ChatWorkflowTest.plan(ChatWorkflowTest.GROQ_OK)));
    env.start();
    WorkflowClient client = env.getWorkflowClient();
    ChatWorkflow workflow =
        client.newWorkflowStub(
            ChatWorkflow.class,
            WorkflowOptions.newBuilder()
                .setTaskQueue(worker.getTaskQueue())
                .setWorkflowId("chat-starts-job")
                .build());
    ChatResult result =
        workflow.chat(ChatWorkflowTest.askForJob("coracle", "refactor the auth module", null));
    assertThat(result.jobId()).isEqualTo("job-starts-job");
    java.nio.file.Path file = java.nio.file.Path.of("src/test/resources", COMMITTED_JOB_START);
    java.nio.file.Files.writeString(file, client.fetchHistory("chat-starts-job").toJson(true));
  }

  @Test
  void committed_mcp_loop_history_replays_against_the_current_workflow() throws Exception {
    WorkflowReplayer.replayWorkflowExecutionFromResource(
        COMMITTED_MCP_LOOP, ChatWorkflowImpl.class);
  }

  /** Writes the MCP loop history again: {@code -Drecord.histories=true}. */
  @Test
  @org.junit.jupiter.api.condition.EnabledIfSystemProperty(
      named = "record.histories",
      matches = "true")
  void record_the_mcp_loop_history(TestWorkflowEnvironment env, Worker worker) throws Exception {
    worker.registerActivitiesImplementations(
        new FakeLightActivities(
            RequestClass.FAST,
            ChatWorkflowTest.plan(ChatMcpToolsTest.cloud(ScriptedToolModel.MCP_THEN_ANSWER))));
    env.newWorker(TaskQueues.CLOUD).registerActivitiesImplementations(new ScriptedToolModel());
    env.newWorker(TaskQueues.TOOLS).registerActivitiesImplementations(new FakeMcpServers());
    env.start();
    WorkflowClient client = env.getWorkflowClient();
    ChatWorkflow workflow =
        client.newWorkflowStub(
            ChatWorkflow.class,
            WorkflowOptions.newBuilder()
                .setTaskQueue(worker.getTaskQueue())
                .setWorkflowId("chat-mcp-tools")
                .build());
    ChatResult result = workflow.chat(ChatMcpToolsTest.askWithMcp(null, FakeMcpServers.docs()));
    assertThat(result.content()).startsWith("tool said:");
    java.nio.file.Path file = java.nio.file.Path.of("src/test/resources", COMMITTED_MCP_LOOP);
    java.nio.file.Files.writeString(file, client.fetchHistory("chat-mcp-tools").toJson(true));
  }

  @Test
  void fresh_fallback_history_replays_against_the_current_workflow(
      TestWorkflowEnvironment env, Worker worker) throws Exception {
    List<FakeModels.Attempt> attempts = new CopyOnWriteArrayList<>();
    worker.registerActivitiesImplementations(
        new FakeLightActivities(
            RequestClass.DEEP,
            ChatWorkflowTest.plan(ChatWorkflowTest.GROQ_RATE_LIMITED, ChatWorkflowTest.OLLAMA_OK)));
    worker.registerActivitiesImplementations(new FakeModels(TaskQueues.MAIN, attempts));
    env.newWorker(TaskQueues.LLM)
        .registerActivitiesImplementations(new FakeModels(TaskQueues.LLM, attempts));
    env.newWorker(TaskQueues.CLOUD)
        .registerActivitiesImplementations(new FakeModels(TaskQueues.CLOUD, attempts));
    env.start();
    WorkflowClient client = env.getWorkflowClient();
    ChatWorkflow workflow =
        client.newWorkflowStub(
            ChatWorkflow.class,
            WorkflowOptions.newBuilder()
                .setTaskQueue(worker.getTaskQueue())
                .setWorkflowId("chat-fallback-fresh")
                .build());

    ChatResult result = workflow.chat(ChatWorkflowTest.ask("coracle", "refactor the auth module"));
    WorkflowExecutionHistory history = client.fetchHistory("chat-fallback-fresh");

    assertThat(result.fallbacks()).hasSize(1);
    WorkflowReplayer.replayWorkflowExecution(
        WorkflowExecutionHistory.fromJson(history.toJson(true)), ChatWorkflowImpl.class);
  }

  @Test
  void committed_history_fails_to_replay_when_the_model_is_called_before_routing() {
    assertThatThrownBy(
            () ->
                WorkflowReplayer.replayWorkflowExecutionFromResource(
                    COMMITTED_FALLBACK, ModelBeforeRouteWorkflow.class))
        // The replayer reports the failure as text, without the exception as its cause.
        .hasMessageContaining(NonDeterministicException.class.getName());
  }

  /**
   * A deliberately incompatible variant: it tries the local model before it asks the router, so its
   * commands come in another order than the recorded ones.
   */
  public static class ModelBeforeRouteWorkflow implements ChatWorkflow {
    private final ClassifyActivities classifier =
        Workflow.newLocalActivityStub(ClassifyActivities.class, ActivityOptionsCatalog.light());
    private final RouteActivities router =
        Workflow.newLocalActivityStub(RouteActivities.class, ActivityOptionsCatalog.light());

    @Override
    public ChatResult chat(ChatRequest request) {
      Classification classification = classifier.classify(request);
      List<ModelTarget> candidates = new ArrayList<>();
      candidates.add(ChatWorkflowTest.OLLAMA_OK);
      List<String> fallbacks = new ArrayList<>();
      for (int i = 0; i < candidates.size(); i++) {
        ModelTarget target = candidates.get(i);
        try {
          ModelAnswer answer = call(target, request, classification);
          return new ChatResult(
              classification,
              target.provider(),
              target.model(),
              answer.content(),
              answer.finishReason(),
              answer.usage(),
              answer.modelMillis(),
              fallbacks);
        } catch (ActivityFailure failure) {
          fallbacks.add(target.qualifiedName());
          if (i == 0) {
            candidates.addAll(router.route(request, classification).candidates());
          }
        }
      }
      throw ApplicationFailure.newNonRetryableFailure(
          "no candidate answered", ChatErrorType.NO_PROVIDER.name());
    }

    private static ModelAnswer call(
        ModelTarget target, ChatRequest request, Classification classification) {
      ModelActivities models =
          Workflow.newActivityStub(ModelActivities.class, ActivityOptionsCatalog.modelCall(target));
      return models.call(
          new ModelCall(
              target,
              request.messages(),
              request.params(),
              request.streamKey(),
              Workflow.getInfo().getWorkflowId(),
              classification.requestClass().wireName()));
    }
  }
}
