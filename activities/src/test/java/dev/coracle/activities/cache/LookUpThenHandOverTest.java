package dev.coracle.activities.cache;

import static dev.coracle.activities.cache.TestCache.answer;
import static dev.coracle.activities.cache.TestCache.ask;
import static org.assertj.core.api.Assertions.assertThat;

import dev.coracle.activities.answer.AnswerActivitiesImpl;
import dev.coracle.activities.answer.AnswerHub;
import dev.coracle.activities.store.MutableClock;
import dev.coracle.activities.store.StoreSuite;
import dev.coracle.workflows.chat.CacheLookup;
import dev.coracle.workflows.chat.ChatRequest;
import dev.coracle.workflows.chat.ChatResult;
import dev.coracle.workflows.chat.Classification;
import dev.coracle.workflows.chat.RequestClass;
import io.micronaut.context.ApplicationContext;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The local activity that answers a cache hit: it looks the chat up in the semantic cache, on the
 * real store, and hands a hit to the response waiting in this process.
 */
@StoreSuite
class LookUpThenHandOverTest {

  static final String QUESTION = "How do I reverse a list in Python?";

  static final Classification EXPLICIT =
      Classification.forced(RequestClass.FAST, "explicit model groq/llama-3.3-70b, not classified");

  @TempDir Path dir;

  ApplicationContext context;
  AnswerHub hub;
  AnswerActivitiesImpl activities;

  @BeforeEach
  void start() {
    context =
        TestCache.start(
            dir.resolve("coracle.db"),
            new MutableClock(Instant.parse("2026-12-05T08:00:00Z")),
            TestCache.config(dir.resolve("home"), TestCache.DEFAULT_CACHE));
    hub = context.getBean(AnswerHub.class);
    activities = context.getBean(AnswerActivitiesImpl.class);
  }

  @AfterEach
  void stop() {
    context.close();
  }

  @Test
  void a_hit_is_handed_to_the_waiting_response_as_this_chats_answer() {
    ChatRequest request = ask("groq/llama-3.3-70b", QUESTION);
    ChatResult first = answer("Use my_list.reverse() or my_list[::-1].");
    activities.handOverThenStore("chat-first", request, first);
    CompletableFuture<ChatResult> waiting = hub.await("chat-again");

    CacheLookup lookup = activities.lookUpThenHandOver("chat-again", request, EXPLICIT);

    assertThat(lookup.hit()).isTrue();
    assertThat(waiting).isCompletedWithValue(CacheLookup.served(lookup.result(), EXPLICIT));
    ChatResult served = waiting.join();
    assertThat(served.content()).isEqualTo(first.content());
    assertThat(served.provider()).isEqualTo("ollama");
    assertThat(served.classification()).isEqualTo(EXPLICIT);
    assertThat(served.cacheHit()).isTrue();
    assertThat(served.fallbacks()).isEmpty();
  }

  @Test
  void a_miss_hands_nothing_over() {
    CompletableFuture<ChatResult> waiting = hub.await("chat-new");

    CacheLookup lookup =
        activities.lookUpThenHandOver(
            "chat-new", ask("groq/llama-3.3-70b", "How do I sort a dict by value?"), EXPLICIT);

    assertThat(lookup.hit()).isFalse();
    assertThat(lookup.reason()).isEqualTo("no earlier answer");
    assertThat(waiting).isNotDone();
  }
}
