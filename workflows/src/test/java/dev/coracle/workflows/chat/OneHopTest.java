package dev.coracle.workflows.chat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coracle.workflows.TaskQueues;
import dev.coracle.workflows.chat.FakeModels.Attempt;
import dev.coracle.workflows.model.ModelTarget;
import dev.coracle.workflows.model.RoutePlan;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.testing.WorkflowReplayer;
import io.temporal.worker.Worker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The chat workflow at {@link ChatWorkflowImpl#ONE_HOP} version 1: a plain chat's route, model
 * calls (with their retries and fallbacks) and hand-over are one local activity. Its committed
 * histories replay against the current workflow.
 */
class OneHopTest {
  /** An explicit model with no-cache: one local activity, nothing else. */
  static final String COMMITTED_PASS_THROUGH = "histories/chat-onehop-pass-through.json";

  /** The first candidate unavailable twice, the second answers, in the same one activity. */
  static final String COMMITTED_FALLBACK = "histories/chat-onehop-fallback.json";

  /** A local model: the activity routes and hands the plan back; the slot's call is queued. */
  static final String COMMITTED_LOCAL = "histories/chat-onehop-local.json";

  @RegisterExtension static final TestWorkflowExtension temporal = ChatWorkers.unstarted();

  final List<Attempt> attempts = new CopyOnWriteArrayList<>();

  FakeLightActivities start(TestWorkflowEnvironment env, Worker worker, RoutePlan plan) {
    return ChatWorkers.startInProcess(
        env,
        worker,
        new FakeLightActivities(RequestClass.FAST, plan),
        attempts,
        TaskQueues.LLM,
        TaskQueues.CLOUD);
  }

  static long localActivities(TestWorkflowEnvironment env, String workflowId) {
    return HitOneActivityTest.markers(env, workflowId).stream()
        .filter("LocalActivity"::equals)
        .count();
  }

  static ChatRequest streamed(String model, String text) {
    return new ChatRequest(
        model, List.of(new ChatMessage("user", text)), SamplingParams.defaults(), "stream-1");
  }

  @Test
  void a_pass_through_is_routed_called_handed_over_and_stored_by_one_local_activity(
      TestWorkflowEnvironment env, Worker worker) {
    FakeLightActivities light = start(env, worker, ChatWorkflowTest.plan(ChatWorkflowTest.GROQ_OK));

    ChatResult result =
        LeanRequestPathTest.chat(
            env, worker, "chat-pass", LeanRequestPathTest.noCache("groq/m", "hi"));

    assertThat(result.provider()).isEqualTo("groq");
    assertThat(result.content()).isEqualTo("answer from groq/llama-3.3-70b");
    assertThat(result.fallbacks()).isEmpty();
    assertThat(light.oneHops).containsExactly("chat-pass");
    assertThat(light.classified).as("an explicit model is not classified").isEmpty();
    assertThat(light.bookkeeping).containsExactly("hand over", "store");
    assertThat(light.handedOver).containsEntry("chat-pass", result);
    assertThat(light.cached).containsEntry("groq/m|hi", result);
    assertThat(attempts).containsExactly(new Attempt(TaskQueues.MAIN, "groq/llama-3.3-70b", 1));
    assertThat(localActivities(env, "chat-pass")).isEqualTo(1);
  }

  @Test
  void an_unavailable_model_is_retried_then_the_next_answers_in_the_same_activity(
      TestWorkflowEnvironment env, Worker worker) {
    FakeLightActivities light =
        start(
            env,
            worker,
            ChatWorkflowTest.plan(ChatWorkflowTest.GROQ_UNAVAILABLE, ChatWorkflowTest.GROQ_OK));

    ChatResult result =
        LeanRequestPathTest.chat(
            env, worker, "chat-fall", LeanRequestPathTest.noCache("groq/m", "hi"));

    assertThat(attempts)
        .containsExactly(
            new Attempt(TaskQueues.MAIN, "groq/unavailable", 1),
            new Attempt(TaskQueues.MAIN, "groq/unavailable", 2),
            new Attempt(TaskQueues.MAIN, "groq/llama-3.3-70b", 1));
    assertThat(result.model()).isEqualTo("llama-3.3-70b");
    assertThat(result.fallbacks())
        .containsExactly("groq/unavailable: HTTP 503: upstream unavailable");
    assertThat(light.handedOver).as("handed over once, the answer").hasSize(1);
    assertThat(light.handedOver).containsEntry("chat-fall", result);
    assertThat(localActivities(env, "chat-fall")).isEqualTo(1);
  }

  @Test
  void when_every_model_fails_the_chat_fails_as_it_did_with_one_activity_per_call(
      TestWorkflowEnvironment env, Worker worker) {
    FakeLightActivities light =
        start(
            env,
            worker,
            ChatWorkflowTest.plan(
                ChatWorkflowTest.GROQ_RATE_LIMITED, ChatWorkflowTest.GROQ_UNAVAILABLE));

    ApplicationFailure failure =
        ChatWorkflowTest.failureOf(
            () ->
                LeanRequestPathTest.chat(
                    env, worker, "chat-none", LeanRequestPathTest.noCache("groq/m", "hi")));

    assertThat(failure.getType()).isEqualTo(ChatErrorType.NO_PROVIDER.name());
    assertThat(failure.getOriginalMessage())
        .isEqualTo(
            "no provider could answer: groq/rate-limited: HTTP 429: too many requests;"
                + " groq/unavailable: HTTP 503: upstream unavailable");
    // Rate limits move on at once; an unavailable upstream gets its second attempt.
    assertThat(attempts).extracting(Attempt::model).hasSize(3);
    assertThat(light.handedOver).isEmpty();
    assertThat(light.cached).isEmpty();
  }

  @Test
  void a_local_model_is_routed_once_then_called_on_the_llm_slot(
      TestWorkflowEnvironment env, Worker worker) {
    FakeLightActivities light =
        start(env, worker, ChatWorkflowTest.plan(ChatWorkflowTest.OLLAMA_OK));

    ChatResult result =
        LeanRequestPathTest.chat(
            env, worker, "chat-local", ChatWorkflowTest.ask("ollama/qwen2.5:7b", "hi"));

    assertThat(result.provider()).isEqualTo("ollama");
    assertThat(light.oneHops).containsExactly("chat-local");
    assertThat(light.routed).as("the plan the activity handed back is used as it is").hasSize(1);
    assertThat(attempts).containsExactly(new Attempt(TaskQueues.LLM, "ollama/qwen2.5:7b", 1));
    assertThat(light.handedOver).containsEntry("chat-local", result);
    assertThat(light.cached).containsEntry("ollama/qwen2.5:7b|hi", result);
  }

  @Test
  void a_streamed_chat_keeps_its_heartbeating_call_on_the_cloud_queue_and_gets_no_marker(
      TestWorkflowEnvironment env, Worker worker) {
    FakeLightActivities light = start(env, worker, ChatWorkflowTest.plan(ChatWorkflowTest.GROQ_OK));

    ChatResult result =
        LeanRequestPathTest.chat(env, worker, "chat-stream", streamed("groq/m", "hi"));

    assertThat(result.provider()).isEqualTo("groq");
    assertThat(light.oneHops).isEmpty();
    assertThat(light.routed).hasSize(1);
    assertThat(attempts).containsExactly(new Attempt(TaskQueues.CLOUD, "groq/llama-3.3-70b", 1));
    assertThat(light.handedOver).containsEntry("chat-stream", result);
  }

  @Test
  void an_agent_mode_answer_is_one_activity_and_never_stored(
      TestWorkflowEnvironment env, Worker worker) {
    FakeLightActivities light = start(env, worker, ChatWorkflowTest.plan(ChatWorkflowTest.GROQ_OK));

    ChatResult result =
        LeanRequestPathTest.chat(
            env, worker, "chat-agent", ChatWorkflowTest.askWithTools("read the file"));

    assertThat(light.oneHops).containsExactly("chat-agent");
    assertThat(light.bookkeeping).containsExactly("hand over");
    assertThat(light.handedOver).containsEntry("chat-agent", result);
    assertThat(light.cached).isEmpty();
  }

  @Test
  void a_classified_chat_that_misses_the_cache_is_classified_looked_up_then_one_hop(
      TestWorkflowEnvironment env, Worker worker) {
    FakeLightActivities light = start(env, worker, ChatWorkflowTest.plan(ChatWorkflowTest.GROQ_OK));

    ChatResult result =
        LeanRequestPathTest.chat(
            env, worker, "chat-classified", ChatWorkflowTest.ask("coracle", "hi"));

    assertThat(result.classification().reason()).isEqualTo("fake verdict");
    assertThat(light.classified).hasSize(1);
    assertThat(light.lookUpsThenHandOvers).containsExactly("chat-classified");
    assertThat(light.oneHops).containsExactly("chat-classified");
    assertThat(light.cached).containsEntry("coracle|hi", result);
    // The classifier, the lookup, then the route with the call and the hand-over.
    assertThat(localActivities(env, "chat-classified")).isEqualTo(3);
  }

  @Test
  void committed_histories_replay_against_the_current_workflow() throws Exception {
    WorkflowReplayer.replayWorkflowExecutionFromResource(
        COMMITTED_PASS_THROUGH, ChatWorkflowImpl.class);
    WorkflowReplayer.replayWorkflowExecutionFromResource(
        COMMITTED_FALLBACK, ChatWorkflowImpl.class);
    WorkflowReplayer.replayWorkflowExecutionFromResource(COMMITTED_LOCAL, ChatWorkflowImpl.class);
  }

  /**
   * Writes this version's three histories: {@code -Drecord.history.onehop=true}. Like every
   * committed history, written once and never again.
   */
  @Test
  @EnabledIfSystemProperty(named = "record.history.onehop", matches = "true")
  void record_the_onehop_histories(TestWorkflowEnvironment env) throws Exception {
    Worker pass = recordingWorker(env, "onehop-pass", ChatWorkflowTest.GROQ_OK);
    Worker fallback =
        recordingWorker(
            env, "onehop-fallback", ChatWorkflowTest.GROQ_UNAVAILABLE, ChatWorkflowTest.GROQ_OK);
    Worker local = recordingWorker(env, "onehop-local", ChatWorkflowTest.OLLAMA_OK);
    env.newWorker(TaskQueues.LLM)
        .registerActivitiesImplementations(new FakeModels(TaskQueues.LLM, attempts));
    env.start();
    String cloudModel = "groq/llama-3.3-70b";
    LeanRequestPathTest.chat(
        env, pass, "chat-onehop-pass-through", LeanRequestPathTest.noCache(cloudModel, "hi"));
    LeanRequestPathTest.chat(
        env, fallback, "chat-onehop-fallback", LeanRequestPathTest.noCache(cloudModel, "hi"));
    LeanRequestPathTest.chat(
        env, local, "chat-onehop-local", ChatWorkflowTest.ask("ollama/qwen2.5:7b", "hi"));
    for (String[] history :
        List.of(
            new String[] {"chat-onehop-pass-through", COMMITTED_PASS_THROUGH},
            new String[] {"chat-onehop-fallback", COMMITTED_FALLBACK},
            new String[] {"chat-onehop-local", COMMITTED_LOCAL})) {
      Files.writeString(
          Path.of("src/test/resources", history[1]),
          env.getWorkflowClient().fetchHistory(history[0]).toJson(true));
    }
  }

  /** A worker of its own queue whose router always gives {@code candidates}. */
  private Worker recordingWorker(
      TestWorkflowEnvironment env, String queue, ModelTarget... candidates) {
    Worker worker = env.newWorker(queue);
    FakeModels inProcess = new FakeModels(queue, attempts);
    worker.registerWorkflowImplementationTypes(ChatWorkflowImpl.class);
    worker.registerActivitiesImplementations(
        new FakeLightActivities(RequestClass.FAST, ChatWorkflowTest.plan(candidates))
            .callingIn(inProcess),
        inProcess);
    return worker;
  }
}
