package dev.coracle.workflows.chat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coracle.workflows.TaskQueues;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowOptions;
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
 * The chat workflow at {@link ChatWorkflowImpl#SPEED_REQUEST_PATH} version 1: the answer goes to
 * the waiting response before the cache store, an explicit model is not classified, and a {@code
 * no-cache} request skips the lookup; version 2 calls a cloud model for a plain answer as a local
 * activity. Its committed histories replay against the current workflow.
 */
class LeanRequestPathTest {
  /** An explicit model with no-cache: no classifier, no lookup, hand-over, then the store. */
  static final String COMMITTED_PASS_THROUGH = "histories/chat-speed-pass-through.json";

  /** A status question: classified, answered from status, handed over. */
  static final String COMMITTED_STATUS = "histories/chat-speed-status.json";

  /** An explicit model's repeated question, answered from the cache and handed over. */
  static final String COMMITTED_HIT = "histories/chat-speed-hit.json";

  /**
   * Version 2: the pass-through again, with the cloud call as a local activity: one workflow task.
   */
  static final String COMMITTED_IN_PROCESS = "histories/chat-speed-in-process.json";

  /**
   * {@link ChatWorkflowImpl#LEAN_AFTER_ANSWER} version 1: the in-process pass-through with its
   * hand-over and cache store in one local activity.
   */
  static final String COMMITTED_AFTER_ANSWER = "histories/chat-lean-after-answer.json";

  @RegisterExtension static final TestWorkflowExtension temporal = ChatWorkers.unstarted();

  final List<FakeModels.Attempt> attempts = new CopyOnWriteArrayList<>();

  FakeLightActivities start(TestWorkflowEnvironment env, Worker worker, RequestClass verdict) {
    return ChatWorkers.startInProcess(
        env,
        worker,
        new FakeLightActivities(verdict, ChatWorkflowTest.plan(ChatWorkflowTest.GROQ_OK)),
        attempts,
        TaskQueues.CLOUD);
  }

  static ChatRequest noCache(String model, String text) {
    return new ChatRequest(
        model, List.of(new ChatMessage("user", text)), SamplingParams.defaults(), null, null, true);
  }

  static ChatResult chat(TestWorkflowEnvironment env, Worker worker, String id, ChatRequest ask) {
    ChatWorkflow workflow =
        env.getWorkflowClient()
            .newWorkflowStub(
                ChatWorkflow.class,
                WorkflowOptions.newBuilder()
                    .setTaskQueue(worker.getTaskQueue())
                    .setWorkflowId(id)
                    .build());
    return workflow.chat(ask);
  }

  @Test
  void an_explicit_model_is_not_classified_and_its_answer_is_handed_over_before_the_store(
      TestWorkflowEnvironment env, Worker worker) {
    FakeLightActivities light = start(env, worker, RequestClass.STATUS);

    ChatResult result = chat(env, worker, "chat-explicit", ChatWorkflowTest.ask("groq/m", "hi"));

    // The classifier would have said status; an explicit model is answered by its model.
    assertThat(light.classified).isEmpty();
    assertThat(result.classification().requestClass()).isEqualTo(RequestClass.FAST);
    assertThat(result.classification().reason()).contains("explicit model groq/m");
    assertThat(result.provider()).isEqualTo("groq");
    assertThat(light.handedOver).containsEntry("chat-explicit", result);
    assertThat(light.bookkeeping).containsExactly("hand over", "store");
  }

  @Test
  void a_no_cache_request_skips_the_lookup_and_its_answer_is_still_stored(
      TestWorkflowEnvironment env, Worker worker) {
    FakeLightActivities light = start(env, worker, RequestClass.FAST);

    ChatResult result = chat(env, worker, "chat-no-cache", noCache("coracle", "hi"));

    assertThat(light.cacheLookups).isEmpty();
    assertThat(light.cached).containsEntry("coracle|hi", result);
    assertThat(attempts).hasSize(1);
  }

  @Test
  void status_answers_and_cache_hits_are_handed_over_too(
      TestWorkflowEnvironment env, Worker worker) {
    FakeLightActivities light = start(env, worker, RequestClass.STATUS);

    ChatResult status = chat(env, worker, "chat-status", ChatWorkflowTest.ask("coracle", "jobs?"));
    chat(env, worker, "chat-first", ChatWorkflowTest.ask("groq/m", "hi"));
    ChatResult hit = chat(env, worker, "chat-again", ChatWorkflowTest.ask("groq/m", "hi"));

    assertThat(light.handedOver).containsEntry("chat-status", status);
    assertThat(hit.cacheHit()).isTrue();
    assertThat(light.handedOver).containsEntry("chat-again", hit);
    assertThat(attempts).hasSize(1);
  }

  @Test
  void committed_lean_path_histories_replay_against_the_current_workflow() throws Exception {
    WorkflowReplayer.replayWorkflowExecutionFromResource(
        COMMITTED_PASS_THROUGH, ChatWorkflowImpl.class);
    WorkflowReplayer.replayWorkflowExecutionFromResource(COMMITTED_STATUS, ChatWorkflowImpl.class);
    WorkflowReplayer.replayWorkflowExecutionFromResource(COMMITTED_HIT, ChatWorkflowImpl.class);
    WorkflowReplayer.replayWorkflowExecutionFromResource(
        COMMITTED_IN_PROCESS, ChatWorkflowImpl.class);
    WorkflowReplayer.replayWorkflowExecutionFromResource(
        COMMITTED_AFTER_ANSWER, ChatWorkflowImpl.class);
  }

  @Test
  void a_model_answer_is_handed_over_and_stored_by_one_local_activity(
      TestWorkflowEnvironment env, Worker worker) {
    FakeLightActivities light = start(env, worker, RequestClass.FAST);

    ChatResult result = chat(env, worker, "chat-one-hop", noCache("groq/m", "hi"));

    // Since onehop-route-call-hand-over, the route and the model call are in that activity too.
    assertThat(light.oneHops).containsExactly("chat-one-hop");
    assertThat(light.bookkeeping).containsExactly("hand over", "store");
    assertThat(light.handedOver).containsEntry("chat-one-hop", result);
    assertThat(light.cached).containsEntry("groq/m|hi", result);
    List<String> localActivities =
        env.getWorkflowClient().fetchHistory("chat-one-hop").getEvents().stream()
            .filter(HistoryEvent::hasMarkerRecordedEventAttributes)
            .map(event -> event.getMarkerRecordedEventAttributes().getMarkerName())
            .filter("LocalActivity"::equals)
            .toList();
    assertThat(localActivities).hasSize(1);
  }

  @Test
  void a_status_answer_is_still_handed_over_alone(TestWorkflowEnvironment env, Worker worker) {
    FakeLightActivities light = start(env, worker, RequestClass.STATUS);

    chat(env, worker, "chat-status-alone", ChatWorkflowTest.ask("coracle", "jobs?"));

    assertThat(light.handOversThenStores).isEmpty();
    assertThat(light.bookkeeping).containsExactly("hand over");
  }

  /**
   * Writes the lean-after-answer history: {@code -Drecord.history.lean=true}. Like every committed
   * history, written once and never again.
   */
  @Test
  @EnabledIfSystemProperty(named = "record.history.lean", matches = "true")
  void record_the_after_answer_history(TestWorkflowEnvironment env, Worker worker)
      throws Exception {
    start(env, worker, RequestClass.STATUS);
    chat(env, worker, "chat-lean-after-answer", noCache("groq/llama-3.3-70b", "hi"));
    Files.writeString(
        Path.of("src/test/resources", COMMITTED_AFTER_ANSWER),
        env.getWorkflowClient().fetchHistory("chat-lean-after-answer").toJson(true));
  }

  /**
   * Writes the version 2 history: {@code -Drecord.histories=true}. The three version 1 histories
   * were written by the same steps before version 2 existed and are never written again.
   */
  @Test
  @EnabledIfSystemProperty(named = "record.histories", matches = "true")
  void record_the_in_process_history(TestWorkflowEnvironment env, Worker worker) throws Exception {
    start(env, worker, RequestClass.STATUS);
    chat(env, worker, "chat-speed-in-process", noCache("groq/llama-3.3-70b", "hi"));
    Files.writeString(
        Path.of("src/test/resources", COMMITTED_IN_PROCESS),
        env.getWorkflowClient().fetchHistory("chat-speed-in-process").toJson(true));
  }
}
