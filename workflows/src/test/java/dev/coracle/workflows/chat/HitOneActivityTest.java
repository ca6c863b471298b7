package dev.coracle.workflows.chat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coracle.workflows.TaskQueues;
import io.temporal.api.history.v1.HistoryEvent;
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
 * The chat workflow at {@link ChatWorkflowImpl#HIT_ONE_ACTIVITY} version 1: the cache lookup and a
 * hit's hand-over are one local activity. Its committed histories replay against the current
 * workflow.
 */
class HitOneActivityTest {
  /** An explicit model's repeated question: looked up and handed over by one local activity. */
  static final String COMMITTED_HIT = "histories/chat-hit-one-activity-hit.json";

  /** An explicit model's new question: the same activity misses, then the model answers. */
  static final String COMMITTED_MISS = "histories/chat-hit-one-activity-miss.json";

  @RegisterExtension static final TestWorkflowExtension temporal = ChatWorkers.unstarted();

  final List<FakeModels.Attempt> attempts = new CopyOnWriteArrayList<>();

  FakeLightActivities start(TestWorkflowEnvironment env, Worker worker) {
    return ChatWorkers.startInProcess(
        env,
        worker,
        new FakeLightActivities(RequestClass.FAST, ChatWorkflowTest.plan(ChatWorkflowTest.GROQ_OK)),
        attempts,
        TaskQueues.CLOUD);
  }

  static List<String> markers(TestWorkflowEnvironment env, String workflowId) {
    return env.getWorkflowClient().fetchHistory(workflowId).getEvents().stream()
        .filter(HistoryEvent::hasMarkerRecordedEventAttributes)
        .map(event -> event.getMarkerRecordedEventAttributes().getMarkerName())
        .toList();
  }

  @Test
  void a_cache_hit_is_looked_up_and_handed_over_by_one_local_activity(
      TestWorkflowEnvironment env, Worker worker) {
    FakeLightActivities light = start(env, worker);
    LeanRequestPathTest.chat(env, worker, "chat-first", ChatWorkflowTest.ask("groq/m", "hi"));

    ChatResult hit =
        LeanRequestPathTest.chat(env, worker, "chat-again", ChatWorkflowTest.ask("groq/m", "hi"));

    assertThat(hit.cacheHit()).isTrue();
    assertThat(hit.provider()).isEqualTo("groq");
    assertThat(hit.classification().reason()).contains("explicit model groq/m");
    assertThat(light.handedOver).containsEntry("chat-again", hit);
    assertThat(light.lookUpsThenHandOvers).containsExactly("chat-first", "chat-again");
    assertThat(attempts).hasSize(1);
    assertThat(markers(env, "chat-again").stream().filter("LocalActivity"::equals))
        .as("the lookup with the hand-over, nothing else")
        .hasSize(1);
  }

  @Test
  void a_miss_hands_nothing_over_until_the_model_has_answered(
      TestWorkflowEnvironment env, Worker worker) {
    FakeLightActivities light = start(env, worker);

    ChatResult answered =
        LeanRequestPathTest.chat(env, worker, "chat-new", ChatWorkflowTest.ask("groq/m", "hi"));

    assertThat(answered.cacheHit()).isFalse();
    assertThat(light.lookUpsThenHandOvers).containsExactly("chat-new");
    assertThat(light.bookkeeping).containsExactly("hand over", "store");
    assertThat(light.handedOver).containsEntry("chat-new", answered);
    assertThat(light.cached).containsEntry("groq/m|hi", answered);
  }

  @Test
  void a_no_cache_request_gets_no_marker_and_no_lookup(TestWorkflowEnvironment env, Worker worker) {
    FakeLightActivities light = start(env, worker);

    LeanRequestPathTest.chat(
        env, worker, "chat-bypass", LeanRequestPathTest.noCache("groq/m", "hi"));

    assertThat(light.lookUpsThenHandOvers).isEmpty();
    assertThat(light.cacheLookups).isEmpty();
  }

  @Test
  void committed_histories_replay_against_the_current_workflow() throws Exception {
    WorkflowReplayer.replayWorkflowExecutionFromResource(COMMITTED_HIT, ChatWorkflowImpl.class);
    WorkflowReplayer.replayWorkflowExecutionFromResource(COMMITTED_MISS, ChatWorkflowImpl.class);
  }

  /**
   * Writes this version's two histories: {@code -Drecord.history.hit=true}. Like every committed
   * history, written once and never again.
   */
  @Test
  @EnabledIfSystemProperty(named = "record.history.hit", matches = "true")
  void record_the_hit_and_miss_histories(TestWorkflowEnvironment env, Worker worker)
      throws Exception {
    start(env, worker);
    String model = "groq/llama-3.3-70b";
    LeanRequestPathTest.chat(
        env, worker, "chat-hit-one-activity-miss", ChatWorkflowTest.ask(model, "hi"));
    LeanRequestPathTest.chat(
        env, worker, "chat-hit-one-activity-hit", ChatWorkflowTest.ask(model, "hi"));
    for (String[] history :
        List.of(
            new String[] {"chat-hit-one-activity-miss", COMMITTED_MISS},
            new String[] {"chat-hit-one-activity-hit", COMMITTED_HIT})) {
      Files.writeString(
          Path.of("src/test/resources", history[1]),
          env.getWorkflowClient().fetchHistory(history[0]).toJson(true));
    }
  }
}
