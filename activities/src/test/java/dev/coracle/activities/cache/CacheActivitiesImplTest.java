package dev.coracle.activities.cache;

import static dev.coracle.activities.cache.TestCache.answer;
import static dev.coracle.activities.cache.TestCache.ask;
import static org.assertj.core.api.Assertions.assertThat;

import dev.coracle.activities.store.MutableClock;
import dev.coracle.activities.store.StoreSuite;
import dev.coracle.workflows.chat.CacheLookup;
import dev.coracle.workflows.chat.ChatMessage;
import dev.coracle.workflows.chat.ChatRequest;
import io.micronaut.context.ApplicationContext;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@StoreSuite
class CacheActivitiesImplTest {

  @TempDir Path dir;

  final MutableClock clock = new MutableClock(Instant.parse("2026-11-20T12:00:00Z"));
  ApplicationContext context;
  CacheActivitiesImpl activities;

  @BeforeEach
  void start() {
    context =
        TestCache.start(
            dir.resolve("coracle.db"),
            clock,
            TestCache.config(dir.resolve("home"), TestCache.DEFAULT_CACHE));
    activities = context.getBean(CacheActivitiesImpl.class);
  }

  @AfterEach
  void stop() {
    context.close();
  }

  @Test
  void stores_and_serves_through_the_activity_interface() {
    activities.store(ask("coracle", "What is a monad?"), answer("A monoid in endofunctors."));

    CacheLookup lookup = activities.lookup(ask("coracle", "what's a monad"));

    assertThat(lookup.hit()).isTrue();
    assertThat(lookup.result().cacheHit()).isTrue();
  }

  @Test
  void requests_it_cannot_read_are_misses_with_a_reason_never_errors() {
    ChatRequest noParams =
        new ChatRequest("coracle", List.of(new ChatMessage("user", "hi")), null, null);
    ChatRequest noMessages = new ChatRequest("coracle", List.of(), null, null);
    ChatRequest endsWithAssistant =
        ask(
            "coracle",
            List.of(new ChatMessage("user", "hi"), new ChatMessage("assistant", "Hello!")));
    ChatRequest blank = ask("coracle", "   ");
    List<ChatMessage> nullContent = new ArrayList<>();
    nullContent.add(new ChatMessage("user", null));
    ChatRequest noModel = ask(null, "hi");

    assertThat(activities.lookup(noParams)).isEqualTo(CacheLookup.miss("no earlier answer"));
    assertThat(activities.lookup(noMessages))
        .isEqualTo(CacheLookup.miss("the request has no messages"));
    assertThat(activities.lookup(endsWithAssistant))
        .isEqualTo(CacheLookup.miss("the last turn is not a user message"));
    assertThat(activities.lookup(blank)).isEqualTo(CacheLookup.miss("the last user turn is empty"));
    assertThat(activities.lookup(ask("coracle", nullContent)))
        .isEqualTo(CacheLookup.miss("the last user turn is empty"));
    assertThat(activities.lookup(noModel))
        .isEqualTo(CacheLookup.miss("the request names no model"));
    for (ChatRequest request : List.of(noMessages, endsWithAssistant, blank, noModel)) {
      activities.store(request, answer("anything"));
    }
    activities.store(noParams, null);
    assertThat(context.getBean(SemanticCache.class).stats().entries()).isZero();
  }

  @Test
  void a_broken_store_makes_a_miss_not_a_failed_chat() {
    SemanticCache cache = context.getBean(SemanticCache.class);
    context.close();
    CacheActivitiesImpl orphan = new CacheActivitiesImpl(cache);

    CacheLookup lookup = orphan.lookup(ask("coracle", "What is a monad?"));
    orphan.store(ask("coracle", "What is a monad?"), answer("A monoid in endofunctors."));

    assertThat(lookup.hit()).isFalse();
    assertThat(lookup.reason()).startsWith("cache unavailable: ");
    context =
        TestCache.start(
            dir.resolve("coracle.db"),
            clock,
            TestCache.config(dir.resolve("home"), TestCache.DEFAULT_CACHE));
  }
}
