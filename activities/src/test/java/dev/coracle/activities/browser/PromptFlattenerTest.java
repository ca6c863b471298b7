package dev.coracle.activities.browser;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coracle.workflows.chat.ChatMessage;
import dev.coracle.workflows.chat.ToolCall;
import java.util.List;
import org.junit.jupiter.api.Test;

class PromptFlattenerTest {

  @Test
  void a_lone_user_message_goes_as_it_is() {
    assertThat(PromptFlattener.flatten(List.of(new ChatMessage("user", "  Hello there\n"))))
        .isEqualTo("Hello there");
  }

  @Test
  void nothing_to_say_is_an_empty_prompt() {
    assertThat(PromptFlattener.flatten(List.of(new ChatMessage("user", " ")))).isEmpty();
  }

  @Test
  void a_conversation_is_written_out_turn_by_turn_under_labels() {
    String prompt =
        PromptFlattener.flatten(
            List.of(
                new ChatMessage("system", "Be terse."),
                new ChatMessage("user", "What is 2+2?"),
                new ChatMessage("assistant", "4"),
                new ChatMessage("user", "And times 3?")));

    assertThat(prompt)
        .isEqualTo(
            PromptFlattener.PREAMBLE
                + "\n\n[System instructions]\nBe terse."
                + "\n\n[User]\nWhat is 2+2?"
                + "\n\n[Assistant]\n4"
                + "\n\n[User]\nAnd times 3?");
  }

  @Test
  void a_system_prompt_alone_with_one_question_is_still_labeled() {
    String prompt =
        PromptFlattener.flatten(
            List.of(new ChatMessage("system", "Answer in French."), new ChatMessage("user", "Hi")));

    assertThat(prompt).endsWith("[System instructions]\nAnswer in French.\n\n[User]\nHi");
  }

  @Test
  void tool_calls_and_results_are_spelled_out_and_empty_turns_dropped() {
    String prompt =
        PromptFlattener.flatten(
            List.of(
                new ChatMessage("user", "Weather in Oslo?"),
                new ChatMessage(
                    "assistant",
                    null,
                    List.of(new ToolCall("call_1", "weather", "{\"city\":\"Oslo\"}")),
                    null,
                    null),
                new ChatMessage("tool", "-3 C, snow", null, "call_1", null),
                new ChatMessage("assistant", "  ")));

    assertThat(prompt)
        .endsWith(
            "[User]\nWeather in Oslo?"
                + "\n\n[Assistant]\n(called tool weather with {\"city\":\"Oslo\"})"
                + "\n\n[Tool result call_1]\n-3 C, snow");
  }
}
