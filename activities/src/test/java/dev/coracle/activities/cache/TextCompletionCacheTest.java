package dev.coracle.activities.cache;

import static dev.coracle.activities.cache.TestCache.answer;
import static dev.coracle.activities.cache.TestCache.ask;
import static org.assertj.core.api.Assertions.assertThat;

import dev.coracle.activities.store.MutableClock;
import dev.coracle.activities.store.StoreSuite;
import dev.coracle.workflows.chat.CacheLookup;
import dev.coracle.workflows.chat.ChatRequest;
import dev.coracle.workflows.chat.SamplingParams;
import dev.coracle.workflows.chat.TextCompletion;
import io.micronaut.context.ApplicationContext;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Text completions (editor autocomplete) stay out of the semantic cache in both directions. */
@StoreSuite
class TextCompletionCacheTest {
  static final String PREFIX = "def total(items):\n    return sum(";

  @TempDir Path dir;

  ApplicationContext context;
  SemanticCache cache;

  @BeforeEach
  void start() {
    context =
        TestCache.start(
            dir.resolve("coracle.db"),
            new MutableClock(Instant.parse("2026-12-04T12:00:00Z")),
            TestCache.config(dir.resolve("home"), TestCache.DEFAULT_CACHE));
    cache = context.getBean(SemanticCache.class);
  }

  @AfterEach
  void stop() {
    context.close();
  }

  private static ChatRequest completion(String prompt) {
    SamplingParams params =
        new SamplingParams(16, 0.0, null, List.of(), null, null, new TextCompletion(prompt, ")"));
    return Requests.withParams(ask("coracle", prompt), params);
  }

  @Test
  void a_completion_is_neither_stored_nor_answered_from_the_cache() {
    cache.store(completion(PREFIX), answer("item.price for item in items"));
    assertThat(cache.stats().entries()).isZero();

    // The same text as a chat is cached; a completion with that prefix still does not look.
    cache.store(ask("coracle", PREFIX), answer("item.price for item in items"));
    assertThat(cache.lookup(ask("coracle", PREFIX)).hit()).isTrue();
    assertThat(cache.lookup(completion(PREFIX)))
        .isEqualTo(CacheLookup.miss("text completions are not cached"));
  }
}
