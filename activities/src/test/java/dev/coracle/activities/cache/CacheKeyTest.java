package dev.coracle.activities.cache;

import static dev.coracle.activities.cache.TestCache.ask;
import static org.assertj.core.api.Assertions.assertThat;

import dev.coracle.workflows.chat.ChatMessage;
import dev.coracle.workflows.chat.ChatRequest;
import dev.coracle.workflows.chat.SamplingParams;
import dev.coracle.workflows.chat.ToolCall;
import java.util.List;
import org.junit.jupiter.api.Test;

class CacheKeyTest {

  static final ChatMessage QUESTION = new ChatMessage("user", "How do I reverse a list?");

  static CacheKey key(ChatMessage... messages) {
    return CacheKey.of(ask("coracle", List.of(messages)));
  }

  @Test
  void the_last_user_turn_is_the_prompt_and_not_part_of_the_context() {
    CacheKey alone = key(QUESTION);
    CacheKey other = key(new ChatMessage("user", "How do I sort a list?"));

    assertThat(alone.promptText()).isEqualTo("How do I reverse a list?");
    assertThat(alone.embeddingText()).isEqualTo("how do i reverse a list ?");
    assertThat(alone.contextHash()).isEqualTo(other.contextHash()).hasSize(64);
    assertThat(alone.promptKey()).isEqualTo(other.promptKey());
    assertThat(alone.exact()).isFalse();
    assertThat(alone.modelName()).isEqualTo("coracle");
  }

  @Test
  void earlier_turns_count_by_role_and_normalized_content() {
    CacheKey system = key(new ChatMessage("system", "Be brief."), QUESTION);

    assertThat(key(new ChatMessage("system", "  BE   brief. "), QUESTION).contextHash())
        .isEqualTo(system.contextHash());
    assertThat(key(new ChatMessage("user", "Be brief."), QUESTION).contextHash())
        .isNotEqualTo(system.contextHash());
    assertThat(key(new ChatMessage("system", "Be brief!"), QUESTION).contextHash())
        .isNotEqualTo(system.contextHash());
    assertThat(key(QUESTION).contextHash()).isNotEqualTo(system.contextHash());
  }

  @Test
  void tool_call_ids_do_not_count_but_calls_do() {
    ChatMessage calledA =
        new ChatMessage(
            "assistant",
            null,
            List.of(new ToolCall("call_a", "ls", "{\"dir\":\".\"}")),
            null,
            null);
    ChatMessage calledB =
        new ChatMessage(
            "assistant",
            null,
            List.of(new ToolCall("call_b", "ls", "{\"dir\":\".\"}")),
            null,
            null);
    ChatMessage calledElsewhere =
        new ChatMessage(
            "assistant",
            null,
            List.of(new ToolCall("call_a", "ls", "{\"dir\":\"/\"}")),
            null,
            null);

    assertThat(key(calledA, QUESTION).contextHash())
        .isEqualTo(key(calledB, QUESTION).contextHash());
    assertThat(key(calledA, QUESTION).contextHash())
        .isNotEqualTo(key(calledElsewhere, QUESTION).contextHash());
  }

  @Test
  void response_format_and_stop_sequences_shape_the_answer_so_they_count() {
    ChatRequest plain = ask("coracle", List.of(QUESTION));
    ChatRequest json =
        Requests.withParams(
            plain,
            new SamplingParams(null, null, null, List.of(), null, "{\"type\":\"json_object\"}"));
    ChatRequest stop =
        Requests.withParams(plain, new SamplingParams(null, null, null, List.of("\n"), null, null));
    ChatRequest noParams = new ChatRequest("coracle", List.of(QUESTION), null, null);
    ChatRequest otherSampling =
        Requests.withParams(plain, new SamplingParams(100, 0.2, 0.9, List.of(), 7, null));

    String hash = CacheKey.of(plain).contextHash();
    assertThat(CacheKey.of(json).contextHash()).isNotEqualTo(hash);
    assertThat(CacheKey.of(stop).contextHash()).isNotEqualTo(hash);
    assertThat(CacheKey.of(noParams).contextHash()).isEqualTo(hash);
    assertThat(CacheKey.of(otherSampling).contextHash()).isEqualTo(hash);
  }

  @Test
  void a_long_prompt_is_keyed_by_all_of_its_text() {
    String text = "Please review this design. ".repeat(10);
    CacheKey longKey = key(new ChatMessage("user", text));

    assertThat(longKey.exact()).isTrue();
    assertThat(key(new ChatMessage("user", text.toUpperCase() + "\n")).promptKey())
        .isEqualTo(longKey.promptKey());
    assertThat(key(new ChatMessage("user", text + "Thanks.")).promptKey())
        .isNotEqualTo(longKey.promptKey());
  }
}
