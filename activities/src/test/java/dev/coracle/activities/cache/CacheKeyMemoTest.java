package dev.coracle.activities.cache;

import static dev.coracle.activities.cache.TestCache.ask;
import static org.assertj.core.api.Assertions.assertThat;

import dev.coracle.workflows.chat.ChatMessage;
import dev.coracle.workflows.chat.ChatRequest;
import dev.coracle.workflows.chat.SamplingParams;
import java.util.List;
import org.junit.jupiter.api.Test;

class CacheKeyMemoTest {

  private final CacheKeyMemo memo = new CacheKeyMemo();

  /** A request built anew, as every HTTP request builds its own: equal, never the same object. */
  private static ChatRequest asked(String system, String question) {
    return ask(
        "coracle",
        List.of(new ChatMessage("system", new String(system)), new ChatMessage("user", question)));
  }

  @Test
  void an_equal_conversation_gets_the_remembered_key() {
    CacheKey first = memo.of(asked("Be brief.", "How do I reverse a list?"));
    CacheKey again = memo.of(asked("Be brief.", "How do I reverse a list?"));

    assertThat(again)
        .isSameAs(first)
        .isEqualTo(CacheKey.of(asked("Be brief.", "How do I reverse a list?")));
  }

  @Test
  void another_question_earlier_turn_model_or_setting_gets_its_own_key() {
    CacheKey first = memo.of(asked("Be brief.", "How do I reverse a list?"));

    assertThat(memo.of(asked("Be brief.", "How do I sort a list?")))
        .isEqualTo(CacheKey.of(asked("Be brief.", "How do I sort a list?")))
        .isNotEqualTo(first);
    assertThat(memo.of(asked("Be thorough.", "How do I reverse a list?")).contextHash())
        .isNotEqualTo(first.contextHash());
    ChatRequest otherModel =
        new ChatRequest(
            "fake/fake-model",
            asked("Be brief.", "How do I reverse a list?").messages(),
            SamplingParams.defaults(),
            null);
    assertThat(memo.of(otherModel).modelName()).isEqualTo("fake/fake-model");
    ChatRequest json =
        Requests.withParams(
            asked("Be brief.", "How do I reverse a list?"),
            new SamplingParams(null, null, null, null, null, "json_object"));
    assertThat(memo.of(json)).isEqualTo(CacheKey.of(json)).isNotEqualTo(first);
  }

  @Test
  void a_long_conversation_is_keyed_but_not_remembered() {
    String text = "Explain this log line by line. " + "x".repeat(CacheKeyMemo.MAX_CHARS);
    CacheKey first = memo.of(asked("Be brief.", text));
    CacheKey again = memo.of(asked("Be brief.", text));

    assertThat(again).isEqualTo(first).isNotSameAs(first);
  }

  @Test
  void the_oldest_conversations_are_forgotten_past_the_capacity() {
    CacheKey first = memo.of(asked("Be brief.", "question 0"));
    for (int i = 1; i <= CacheKeyMemo.CAPACITY; i++) {
      memo.of(asked("Be brief.", "question " + i));
    }

    assertThat(memo.of(asked("Be brief.", "question 0"))).isEqualTo(first).isNotSameAs(first);
  }
}
