package dev.coracle.activities.cache;

import static dev.coracle.activities.cache.TestCache.answer;
import static dev.coracle.activities.cache.TestCache.ask;
import static org.assertj.core.api.Assertions.assertThat;

import dev.coracle.activities.answer.AnswerActivitiesImpl;
import dev.coracle.activities.answer.AnswerHub;
import dev.coracle.activities.store.MutableClock;
import dev.coracle.activities.store.StoreSuite;
import dev.coracle.workflows.chat.ChatRequest;
import dev.coracle.workflows.chat.ChatResult;
import io.micronaut.context.ApplicationContext;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The local activity that ends a chat a model answered: the waiting response gets the answer first,
 * then the answer goes into the semantic cache, on the real store.
 */
@StoreSuite
class HandOverThenStoreTest {

  static final String QUESTION = "How do I reverse a list in Python?";

  @TempDir Path dir;

  ApplicationContext context;
  AnswerHub hub;
  AnswerActivitiesImpl activities;
  SemanticCache cache;

  @BeforeEach
  void start() {
    context =
        TestCache.start(
            dir.resolve("coracle.db"),
            new MutableClock(Instant.parse("2026-12-05T08:00:00Z")),
            TestCache.config(dir.resolve("home"), TestCache.DEFAULT_CACHE));
    hub = context.getBean(AnswerHub.class);
    activities = context.getBean(AnswerActivitiesImpl.class);
    cache = context.getBean(SemanticCache.class);
  }

  @AfterEach
  void stop() {
    context.close();
  }

  @Test
  void the_response_gets_the_answer_before_it_is_stored_and_then_it_is_cached() {
    ChatRequest request = ask("groq/llama-3.3-70b", QUESTION);
    ChatResult result = answer("Use my_list.reverse() or my_list[::-1].");
    CompletableFuture<ChatResult> waiting = hub.await("chat-after-answer");
    AtomicLong entriesWhenAnswered = new AtomicLong(-1);
    waiting.thenRun(() -> entriesWhenAnswered.set(cache.stats().entries()));

    activities.handOverThenStore("chat-after-answer", request, result);

    assertThat(waiting).isCompletedWithValue(result);
    assertThat(entriesWhenAnswered).hasValue(0);
    assertThat(cache.stats().entries()).isEqualTo(1);
    assertThat(cache.lookup(request).result().content()).isEqualTo(result.content());
  }

  @Test
  void an_answer_nobody_waits_for_here_is_still_cached() {
    ChatRequest request = ask("groq/llama-3.3-70b", QUESTION);

    activities.handOverThenStore("chat-elsewhere", request, answer("reversed(my_list)"));

    assertThat(cache.lookup(request).hit()).isTrue();
  }
}
