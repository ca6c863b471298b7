package dev.coracle.activities.answer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coracle.workflows.chat.ChatResult;
import dev.coracle.workflows.chat.Classification;
import dev.coracle.workflows.chat.RequestClass;
import dev.coracle.workflows.chat.Usage;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class AnswerHubTest {
  static final ChatResult ANSWER =
      new ChatResult(
          Classification.forced(RequestClass.FAST, "test"),
          "fake",
          "fake-model",
          "Paris.",
          "stop",
          new Usage(3, 2),
          1,
          List.of());

  final AnswerHub hub = new AnswerHub();
  // These tests only hand over; the store after a hand-over is in cache.HandOverThenStoreTest.
  final AnswerActivitiesImpl activity = new AnswerActivitiesImpl(hub, null, null);

  @Test
  void the_waiting_response_gets_the_answer_the_workflow_hands_over() {
    CompletableFuture<ChatResult> waiting = hub.await("chat-1");

    activity.handOver("chat-1", ANSWER);

    assertThat(waiting).isCompletedWithValue(ANSWER);
  }

  @Test
  void a_repeated_request_for_the_same_workflow_leaves_the_answer_to_the_first() {
    CompletableFuture<ChatResult> first = hub.await("chat-idem-1");

    assertThat(hub.await("chat-idem-1")).isNull();
    activity.handOver("chat-idem-1", ANSWER);
    assertThat(first).isCompletedWithValue(ANSWER);
  }

  @Test
  void an_answer_nobody_waits_for_is_dropped_and_a_forgotten_wait_never_completes() {
    activity.handOver("chat-elsewhere", ANSWER);
    CompletableFuture<ChatResult> forgotten = hub.await("chat-2");
    hub.forget("chat-2", forgotten);

    activity.handOver("chat-2", ANSWER);

    assertThat(forgotten).isNotDone();
    // Once forgotten, the id is free again: a later wait is a fresh one.
    assertThat(hub.await("chat-2")).isNotNull().isNotDone();
  }
}
