package dev.coracle.api.responses;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coracle.activities.json.CoracleJson;
import dev.coracle.api.openai.OpenAiException;
import dev.coracle.workflows.chat.ChatMessage;
import dev.coracle.workflows.chat.ToolCall;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConversationTest {
  private static List<Item> items(String json) throws Exception {
    return Conversation.items(CoracleJson.mapper().readTree(json));
  }

  @Test
  void a_codex_turn_becomes_system_user_one_assistant_turn_with_both_calls_and_tool_results()
      throws Exception {
    List<Item> items =
        items(
            """
            [{"type": "message", "role": "developer",
              "content": [{"type": "input_text", "text": "rules"}]},
             {"role": "user", "content": "list files"},
             {"type": "reasoning", "id": "rs_1", "summary": [], "encrypted_content": "xyz"},
             {"type": "function_call", "call_id": "c1", "name": "exec_command",
              "arguments": "{\\"cmd\\":\\"ls\\"}"},
             {"type": "function_call", "call_id": "c2", "name": "spawn", "namespace": "agents",
              "arguments": "{}"},
             {"type": "function_call_output", "call_id": "c1",
              "output": [{"type": "input_text", "text": "a.txt"}]},
             {"type": "function_call_output", "call_id": "c2", "output": "started"}]""");

    List<ChatMessage> messages = Conversation.messages("be terse", items, 0);

    assertThat(messages)
        .extracting(ChatMessage::role)
        .containsExactly("system", "system", "user", "assistant", "tool", "tool");
    assertThat(messages.get(3).toolCalls())
        .containsExactly(
            new ToolCall("c1", "exec_command", "{\"cmd\":\"ls\"}"),
            new ToolCall("c2", "agents__spawn", "{}"));
    assertThat(messages.get(4).content()).isEqualTo("a.txt");
    assertThat(messages.get(4).toolCallId()).isEqualTo("c1");
  }

  @Test
  void stored_output_reads_back_as_input_of_the_next_turn() throws Exception {
    ResponseBuilder builder =
        new ResponseBuilder(
            CoracleJson.mapper()
                .readValue("{\"model\":\"m\",\"input\":\"x\"}", ResponsesRequest.class),
            ToolMapping.of(List.of()),
            "resp_chat-1",
            0);
    String stored =
        Conversation.write(
            List.of(
                builder.message("hello", ResponseObject.COMPLETED),
                builder.call("c9", "read_file", "{}", ResponseObject.COMPLETED)));

    List<ChatMessage> messages = Conversation.messages(null, Conversation.read(stored), 2);

    assertThat(messages).hasSize(1);
    assertThat(messages.get(0).content()).isEqualTo("hello");
    assertThat(messages.get(0).toolCalls()).containsExactly(new ToolCall("c9", "read_file", "{}"));
  }

  @Test
  void an_image_part_or_an_unknown_item_type_is_a_400_naming_where_it_is() {
    assertThatThrownBy(
            () ->
                Conversation.messages(
                    null,
                    items(
                        "[{\"role\": \"user\", \"content\": \"a\"}, {\"role\": \"user\","
                            + " \"content\": [{\"type\": \"input_image\", \"image_url\": \"u\"}]}]"),
                    0))
        .isInstanceOf(OpenAiException.class)
        .satisfies(
            e ->
                assertThat(((OpenAiException) e).toError().param())
                    .isEqualTo("input[1].content[0].type"));
    assertThatThrownBy(
            () ->
                Conversation.messages(
                    null, items("[{\"type\": \"computer_call\", \"id\": \"x\"}]"), 0))
        .isInstanceOf(OpenAiException.class)
        .satisfies(
            e -> assertThat(((OpenAiException) e).toError().param()).isEqualTo("input[0].type"));
  }
}
