package dev.coracle.activities.cache;

import static dev.coracle.activities.cache.TestCache.answer;
import static dev.coracle.activities.cache.TestCache.ask;
import static org.assertj.core.api.Assertions.assertThat;

import dev.coracle.activities.store.AfterAnswerWrites;
import dev.coracle.activities.store.MutableClock;
import dev.coracle.activities.store.StoreSuite;
import dev.coracle.workflows.chat.CacheLookup;
import dev.coracle.workflows.chat.ChatMessage;
import dev.coracle.workflows.chat.ChatRequest;
import dev.coracle.workflows.chat.ChatResult;
import dev.coracle.workflows.chat.Usage;
import io.micronaut.context.ApplicationContext;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@StoreSuite
class SemanticCacheTest {

  static final Instant NOON = Instant.parse("2026-11-20T12:00:00Z");
  static final String REVERSE = "How do I reverse a list in Python?";
  static final String REVERSE_PARAPHRASE = "how can I reverse a python list";
  static final String SORT_DICT = "How do I sort a dict by value in Python?";
  static final ChatResult REVERSE_ANSWER = answer("Use my_list.reverse() or my_list[::-1].");

  @TempDir Path dir;

  final MutableClock clock = new MutableClock(NOON);
  ApplicationContext context;
  SemanticCache cache;

  @BeforeEach
  void start() {
    start(TestCache.DEFAULT_CACHE);
  }

  /** Opens the store in {@code dir} with a configuration; a second call is a restart. */
  void start(String yaml) {
    context =
        TestCache.start(
            dir.resolve("coracle.db"), clock, TestCache.config(dir.resolve("home"), yaml));
    cache = context.getBean(SemanticCache.class);
  }

  @AfterEach
  void stop() {
    context.close();
  }

  @Test
  void a_paraphrase_of_an_earlier_question_gets_the_earlier_answer() {
    cache.store(ask("coracle", REVERSE), REVERSE_ANSWER);

    CacheLookup lookup = cache.lookup(ask("coracle", REVERSE_PARAPHRASE));

    assertThat(lookup.hit()).isTrue();
    // The quantized all-MiniLM-L6-v2 measured 0.982 for this pair, normalized.
    assertThat(lookup.similarity()).isBetween(0.97, 1.0);
    assertThat(lookup.reason()).startsWith("similar to an earlier question (0.98");
    assertThat(lookup.result())
        .isEqualTo(
            new ChatResult(
                REVERSE_ANSWER.classification(),
                "ollama",
                "qwen2.5:7b",
                REVERSE_ANSWER.content(),
                "stop",
                new Usage(21, 34),
                0,
                List.of(),
                null,
                true));
  }

  @Test
  void a_different_question_misses_and_says_how_close_it_came() {
    cache.store(ask("coracle", REVERSE), REVERSE_ANSWER);

    CacheLookup lookup = cache.lookup(ask("coracle", SORT_DICT));

    assertThat(lookup.hit()).isFalse();
    assertThat(lookup.result()).isNull();
    // all-MiniLM-L6-v2 measured 0.4045 for this pair.
    assertThat(lookup.similarity()).isBetween(0.2, 0.6);
    assertThat(lookup.reason()).startsWith("closest earlier question 0.40").endsWith("below 0.95");
  }

  @Test
  void the_same_question_asked_of_another_model_name_misses() {
    cache.store(ask("coracle", REVERSE), REVERSE_ANSWER);

    assertThat(cache.lookup(ask("coracle-fast", REVERSE)))
        .isEqualTo(CacheLookup.miss("no earlier answer"));
    assertThat(cache.lookup(ask("groq/llama-3.3-70b", REVERSE)).hit()).isFalse();
    assertThat(cache.lookup(ask("coracle", REVERSE)).hit()).isTrue();
  }

  @Test
  void the_same_question_after_different_earlier_turns_misses() {
    List<ChatMessage> earlier =
        List.of(
            new ChatMessage("system", "You are a terse assistant."),
            new ChatMessage("user", "I am learning Python."),
            new ChatMessage("assistant", "Great, ask away."));
    cache.store(ask("coracle", with(earlier, REVERSE)), REVERSE_ANSWER);

    List<ChatMessage> otherAnswer =
        List.of(
            new ChatMessage("system", "You are a terse assistant."),
            new ChatMessage("user", "I am learning Python."),
            new ChatMessage("assistant", "Great, what would you like to know?"));
    List<ChatMessage> sameButSpacing =
        List.of(
            new ChatMessage("system", "  You are a TERSE assistant. "),
            new ChatMessage("user", "I am\n learning Python."),
            new ChatMessage("assistant", "Great,   ask away."));

    assertThat(cache.lookup(ask("coracle", with(otherAnswer, REVERSE))).hit()).isFalse();
    assertThat(cache.lookup(ask("coracle", REVERSE)).hit()).isFalse();
    assertThat(cache.lookup(ask("coracle", with(sameButSpacing, REVERSE_PARAPHRASE))).hit())
        .isTrue();
  }

  @Test
  void numbers_identifiers_and_negations_must_match_exactly() {
    cache.store(ask("coracle", REVERSE), REVERSE_ANSWER);
    cache.store(ask("coracle", "What is 2+2?"), answer("4"));
    cache.store(ask("coracle", "How do I install Python 3.10 on Debian?"), answer("apt"));

    // all-MiniLM-L6-v2 rates the negated question 0.9545 similar: above the threshold.
    assertThat(cache.lookup(ask("coracle", "How do I not reverse a list in Python?")).hit())
        .isFalse();
    assertThat(cache.lookup(ask("coracle", "What is 2+3?")).hit()).isFalse();
    assertThat(cache.lookup(ask("coracle", "How do I install Python 3.11 on Debian?")).hit())
        .isFalse();
    assertThat(cache.lookup(ask("coracle", "how do i install python 3.10 on debian")).hit())
        .isTrue();
  }

  @Test
  void long_prompts_match_only_when_they_are_the_same() {
    String postgres =
        "I have a web service written in Python using Flask. It reads rows from a Postgres table"
            + " and returns them as JSON. Requests take about two seconds each. The table has"
            + " about a million rows and an index on the id column. How can I make it faster?";
    cache.store(ask("coracle", postgres), answer("Add pagination."));

    CacheLookup mysql = cache.lookup(ask("coracle", postgres.replace("Postgres", "MySQL")));
    CacheLookup reflowed =
        cache.lookup(ask("coracle", "  " + postgres.replace(". ", ".\n\n").toUpperCase()));

    assertThat(mysql).isEqualTo(CacheLookup.miss("no earlier answer"));
    assertThat(reflowed.hit()).isTrue();
    assertThat(reflowed.similarity()).isEqualTo(1.0);
    assertThat(reflowed.reason()).isEqualTo("the same question was answered before");
  }

  @Test
  void requests_with_tools_high_temperature_or_no_cache_are_skipped() {
    cache.store(ask("coracle", REVERSE), REVERSE_ANSWER);

    assertThat(cache.lookup(Requests.withTools(ask("coracle", REVERSE))))
        .isEqualTo(CacheLookup.miss("the request has tools"));
    assertThat(cache.lookup(Requests.withTemperature(ask("coracle", REVERSE), 0.9)))
        .isEqualTo(CacheLookup.miss("temperature 0.9 above 0.5"));
    assertThat(cache.lookup(Requests.bypassing(ask("coracle", REVERSE))))
        .isEqualTo(CacheLookup.miss(Eligibility.BYPASS));
    assertThat(cache.lookup(Requests.withTemperature(ask("coracle", REVERSE), 0.5)).hit()).isTrue();
    assertThat(cache.stats()).isEqualTo(new CacheStats(1, 0, 3, 1, 1.0));
  }

  @Test
  void answers_to_requests_with_tools_or_high_temperature_are_not_stored() {
    cache.store(Requests.withTools(ask("coracle", REVERSE)), REVERSE_ANSWER);
    cache.store(Requests.withTemperature(ask("coracle", REVERSE), 1.0), REVERSE_ANSWER);

    assertThat(cache.stats().entries()).isZero();
    assertThat(cache.lookup(ask("coracle", REVERSE)).hit()).isFalse();
  }

  @Test
  void a_no_cache_request_refreshes_the_answer_it_bypassed() {
    cache.store(ask("coracle", REVERSE), REVERSE_ANSWER);
    ChatRequest noCache = Requests.bypassing(ask("coracle", REVERSE_PARAPHRASE));
    ChatResult fresh = answer("Call reversed(my_list) for an iterator.");

    assertThat(cache.lookup(noCache).hit()).isFalse();
    cache.store(noCache, fresh);

    assertThat(cache.stats().entries()).isEqualTo(1);
    assertThat(cache.lookup(ask("coracle", REVERSE)).result().content()).isEqualTo(fresh.content());
  }

  @Test
  void answers_that_cannot_be_replayed_are_not_stored() {
    ChatRequest question = ask("coracle", REVERSE);
    ChatResult truncated = Requests.withFinish(REVERSE_ANSWER, "length");
    ChatResult empty = Requests.withContent(REVERSE_ANSWER, " ");
    ChatResult fromCache = Requests.fromCache(REVERSE_ANSWER);
    ChatResult toolCalls = Requests.withToolCall(REVERSE_ANSWER);
    ChatResult status = Requests.status("No model calls in the last 24 h.");

    for (ChatResult result : List.of(truncated, empty, fromCache, toolCalls, status)) {
      cache.store(question, result);
    }

    assertThat(cache.stats().entries()).isZero();
  }

  @Test
  void an_answer_longer_than_max_tokens_is_not_served() {
    cache.store(ask("coracle", REVERSE), REVERSE_ANSWER);

    assertThat(cache.lookup(Requests.withMaxTokens(ask("coracle", REVERSE), 20)).hit()).isFalse();
    assertThat(cache.lookup(Requests.withMaxTokens(ask("coracle", REVERSE), 34)).hit()).isTrue();
  }

  @Test
  void a_question_in_other_case_and_contractions_is_served_and_its_opposite_is_not() {
    cache.store(ask("coracle", "What is the capital city of France?"), answer("Paris."));
    cache.store(ask("coracle", "Which is faster, ArrayList or LinkedList?"), answer("ArrayList."));

    assertThat(cache.lookup(ask("coracle", "what's the capital city of france?")).hit()).isTrue();
    assertThat(cache.lookup(ask("coracle", "which is slower, ArrayList or LinkedList?")).hit())
        .isFalse();
    assertThat(cache.lookup(ask("coracle", "What is the capital city of Germany?")).hit())
        .isFalse();
  }

  @Test
  void answers_expire_after_the_ttl_and_are_deleted_on_the_next_store() {
    cache.store(ask("coracle", REVERSE), REVERSE_ANSWER);

    clock.advance(Duration.ofHours(24).minusSeconds(1));
    assertThat(cache.lookup(ask("coracle", REVERSE_PARAPHRASE)).hit()).isTrue();

    clock.advance(Duration.ofSeconds(1));
    assertThat(cache.lookup(ask("coracle", REVERSE_PARAPHRASE)))
        .isEqualTo(CacheLookup.miss("no earlier answer"));
    assertThat(cache.stats().entries()).isZero();
    CacheEntryRepository rows = context.getBean(CacheEntryRepository.class);
    assertThat(rows.count()).isEqualTo(1);

    cache.store(ask("coracle", SORT_DICT), answer("sorted(d.items(), key=lambda kv: kv[1])"));
    awaitStored();
    assertThat(rows.findAll())
        .singleElement()
        .satisfies(
            e -> assertThat(e.promptText()).isEqualTo("How do I sort a dict by value in Python?"));
  }

  @Test
  void keeps_the_newest_answers_of_one_conversation() {
    int stored = CacheStore.MAX_PER_CONTEXT + 3;
    for (int i = 1; i <= stored; i++) {
      cache.store(ask("coracle", "What is " + i + " squared?"), answer(String.valueOf(i * i)));
    }

    assertThat(cache.stats().entries()).isEqualTo(CacheStore.MAX_PER_CONTEXT);
    assertThat(cache.lookup(ask("coracle", "What is 3 squared?")).hit()).isFalse();
    assertThat(cache.lookup(ask("coracle", "what is 4 squared")).result().content())
        .isEqualTo("16");
  }

  @Test
  void a_disabled_cache_neither_answers_nor_stores() {
    context.close();
    start(TestCache.DEFAULT_CACHE.replace("enabled: true", "enabled: false"));

    cache.store(ask("coracle", REVERSE), REVERSE_ANSWER);

    assertThat(cache.lookup(ask("coracle", REVERSE)))
        .isEqualTo(CacheLookup.miss(Eligibility.DISABLED));
    assertThat(cache.stats()).isEqualTo(new CacheStats(0, 0, 0, 0, 0.0));
  }

  @Test
  void stats_count_every_lookup_and_survive_a_restart() {
    cache.store(ask("coracle", REVERSE), REVERSE_ANSWER);
    cache.lookup(ask("coracle", REVERSE_PARAPHRASE));
    cache.lookup(ask("coracle", REVERSE));
    cache.lookup(ask("coracle", SORT_DICT));
    cache.lookup(Requests.withTools(ask("coracle", REVERSE)));

    context.close();
    start(TestCache.DEFAULT_CACHE);

    CacheStats stats = cache.stats();
    assertThat(stats).isEqualTo(new CacheStats(2, 1, 1, 1, 2.0 / 3));
    assertThat(stats.lookups()).isEqualTo(4);
    assertThat(context.getBean(CacheEntryRepository.class).findAll())
        .singleElement()
        .satisfies(e -> assertThat(e.hits()).isEqualTo(2))
        .satisfies(e -> assertThat(e.lastHitAt()).isEqualTo(NOON.toEpochMilli()));
  }

  @Test
  void the_stored_row_holds_the_answer_as_json_and_the_embedding_as_float32() {
    cache.store(ask("coracle", REVERSE), REVERSE_ANSWER);
    awaitStored();

    CacheEntry row = context.getBean(CacheEntryRepository.class).findAll().iterator().next();

    assertThat(ResultJson.read(row.resultJson())).isEqualTo(REVERSE_ANSWER);
    assertThat(row.embedding()).hasSize(384 * 4);
    assertThat(Vectors.fromBytes(row.embedding()))
        .containsExactly(TestCache.EMBEDDINGS.embed("how do i reverse a list in python ?"));
    assertThat(row.modelName()).isEqualTo("coracle");
    assertThat(row.createdAt()).isEqualTo(NOON.toEpochMilli());
    assertThat(row.expiresAt()).isEqualTo(NOON.plus(Duration.ofHours(24)).toEpochMilli());
    assertThat(row.completionTokens()).isEqualTo(34);
  }

  private static List<ChatMessage> with(List<ChatMessage> earlier, String question) {
    List<ChatMessage> messages = new ArrayList<>(earlier);
    messages.add(new ChatMessage("user", question));
    return messages;
  }

  @Test
  void the_same_question_again_is_found_by_its_text_before_any_embedding() {
    cache.store(ask("coracle", REVERSE), REVERSE_ANSWER);

    CacheLookup again = cache.lookup(ask("coracle", REVERSE));

    assertThat(again.hit()).isTrue();
    assertThat(again.similarity()).isEqualTo(1.0);
    // The embedding path would say "similar to an earlier question (1.000)".
    assertThat(again.reason()).isEqualTo(SemanticCache.SAME_TEXT);
    assertThat(again.result().content()).isEqualTo(REVERSE_ANSWER.content());
    assertThat(cache.stats()).isEqualTo(new CacheStats(1, 0, 0, 1, 1.0));
  }

  @Test
  void a_no_cache_answer_is_stored_and_counted_as_a_skipped_lookup() {
    cache.store(Requests.bypassing(ask("coracle", REVERSE)), REVERSE_ANSWER);

    assertThat(cache.stats()).isEqualTo(new CacheStats(0, 0, 1, 1, 0.0));
    assertThat(cache.lookup(ask("coracle", REVERSE)).hit()).isTrue();
  }

  @Test
  void the_store_counts_a_no_cache_skip_as_soon_as_the_answer_is_handed_to_it() {
    cache.store(Requests.bypassing(ask("coracle", REVERSE)), REVERSE_ANSWER);

    // Read through the store itself, which does not wait for the writer's queue first.
    assertThat(context.getBean(CacheStore.class).stats(clock.millis()).skipped()).isEqualTo(1);
  }

  @Test
  void a_no_cache_request_replaces_the_answer_to_its_very_same_text() {
    // A prompt naming both sides of one axis, which the guard reads as disagreeing with itself.
    String both = "Should I increase or decrease the buffer size?";
    cache.store(ask("coracle", both), answer("Increase it."));
    ChatResult fresh = answer("Decrease it.");

    cache.store(Requests.bypassing(ask("coracle", both)), fresh);

    assertThat(cache.stats().entries()).isEqualTo(1);
    assertThat(cache.lookup(ask("coracle", both)).result().content()).isEqualTo(fresh.content());
  }

  /** Answers are stored on the store's writer, after the call that stores them returns. */
  private void awaitStored() {
    context.getBean(AfterAnswerWrites.class).awaitWritten();
  }
}
