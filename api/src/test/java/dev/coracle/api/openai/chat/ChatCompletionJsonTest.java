package dev.coracle.api.openai.chat;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.coracle.activities.json.CoracleJson;
import dev.coracle.workflows.chat.ChatResult;
import dev.coracle.workflows.chat.ToolCall;
import dev.coracle.workflows.chat.Usage;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The bytes OpenAI clients parse: which keys are present, which are null, which are left out. */
class ChatCompletionJsonTest {

  @Test
  void a_text_completion_keeps_openai_nulls_and_has_no_tool_calls_key() throws Exception {
    JsonNode json =
        write(ChatCompletion.from("chatcmpl-1", 5, "coracle", result("hello", List.of())));
    assertThat(json.fieldNames())
        .toIterable()
        .containsExactly(
            "id", "object", "created", "model", "system_fingerprint", "choices", "usage");
    assertThat(json.path("object").asText()).isEqualTo("chat.completion");
    assertThat(json.path("system_fingerprint").isNull()).isTrue();
    JsonNode choice = json.at("/choices/0");
    assertThat(choice.path("finish_reason").asText()).isEqualTo("stop");
    assertThat(choice.path("logprobs").isNull()).isTrue();
    JsonNode message = choice.path("message");
    assertThat(message.path("content").asText()).isEqualTo("hello");
    assertThat(message.has("refusal")).isTrue();
    assertThat(message.has("tool_calls")).isFalse();
    assertThat(json.at("/usage/prompt_tokens").asInt()).isEqualTo(3);
    assertThat(json.at("/usage/completion_tokens").asInt()).isEqualTo(2);
    assertThat(json.at("/usage/total_tokens").asInt()).isEqualTo(5);
  }

  @Test
  void a_turn_that_only_calls_tools_has_null_content_and_calls_without_index() throws Exception {
    ToolCall call = new ToolCall("call_1", "read_file", "{\"path\":\"a\"}");
    JsonNode message =
        write(ChatCompletion.from("chatcmpl-1", 5, "coracle", result("", List.of(call))))
            .at("/choices/0/message");
    assertThat(message.has("content")).isTrue();
    assertThat(message.path("content").isNull()).isTrue();
    JsonNode written = message.at("/tool_calls/0");
    assertThat(written.has("index")).isFalse();
    assertThat(written.path("id").asText()).isEqualTo("call_1");
    assertThat(written.path("type").asText()).isEqualTo("function");
    assertThat(written.at("/function/name").asText()).isEqualTo("read_file");
    assertThat(written.at("/function/arguments").asText()).isEqualTo("{\"path\":\"a\"}");
  }

  @Test
  void chunks_leave_out_what_a_delta_does_not_carry() throws Exception {
    JsonNode first =
        write(ChatCompletionChunk.of("c", 5, "m", ChatCompletionChunk.Delta.first(), null));
    assertThat(first.path("object").asText()).isEqualTo("chat.completion.chunk");
    assertThat(first.has("usage")).isFalse();
    assertThat(first.at("/choices/0/delta").toString())
        .isEqualTo("{\"role\":\"assistant\",\"content\":\"\"}");
    assertThat(first.at("/choices/0").has("finish_reason")).isTrue();
    assertThat(first.at("/choices/0/finish_reason").isNull()).isTrue();

    JsonNode last =
        write(ChatCompletionChunk.of("c", 5, "m", ChatCompletionChunk.Delta.last(), "stop"));
    assertThat(last.at("/choices/0/delta").toString()).isEqualTo("{}");
    assertThat(last.at("/choices/0/finish_reason").asText()).isEqualTo("stop");

    ToolCallOut piece = new ToolCallOut(0, null, null, new ToolCallOut.Function(null, "{\"a\""));
    JsonNode calls =
        write(
            ChatCompletionChunk.of(
                "c", 5, "m", ChatCompletionChunk.Delta.calls(List.of(piece)), null));
    assertThat(calls.at("/choices/0/delta").toString())
        .isEqualTo("{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"{\\\"a\\\"\"}}]}");
  }

  @Test
  void the_usage_chunk_has_no_choices() throws Exception {
    JsonNode json = write(ChatCompletionChunk.usage("c", 5, "m", new Usage(3, 2)));
    assertThat(json.path("choices").isArray()).isTrue();
    assertThat(json.path("choices")).isEmpty();
    assertThat(json.at("/usage/total_tokens").asInt()).isEqualTo(5);
  }

  private static ChatResult result(String content, List<ToolCall> calls) {
    return new ChatResult(
        null,
        "ollama",
        "qwen",
        content,
        calls.isEmpty() ? "stop" : "tool_calls",
        new Usage(3, 2),
        0,
        List.of(),
        calls,
        false);
  }

  private static JsonNode write(Object value) throws Exception {
    return CoracleJson.mapper().readTree(CoracleJson.mapper().writeValueAsString(value));
  }
}
