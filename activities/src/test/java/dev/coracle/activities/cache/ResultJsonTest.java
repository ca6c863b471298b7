package dev.coracle.activities.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coracle.workflows.chat.ChatResult;
import dev.coracle.workflows.chat.Classification;
import dev.coracle.workflows.chat.RequestClass;
import dev.coracle.workflows.chat.ToolCall;
import dev.coracle.workflows.chat.Usage;
import java.io.UncheckedIOException;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResultJsonTest {

  @Test
  void every_field_of_a_result_round_trips() {
    ChatResult result =
        new ChatResult(
            new Classification(RequestClass.DEEP, 0.73, "rules", "mentions a stack trace"),
            "groq",
            "llama-3.3-70b-versatile",
            "Line one\nline \"two\" \u2014 \u00e9\u00e8",
            "stop",
            new Usage(1234, 567),
            4321,
            List.of("ollama/qwen2.5:7b: timed out"),
            List.of(new ToolCall("call_1", "read_file", "{\"path\":\"a b.py\"}")),
            true);

    assertThat(ResultJson.read(ResultJson.write(result))).isEqualTo(result);
  }

  @Test
  void fields_a_newer_version_added_are_ignored() {
    String json =
        ResultJson.write(TestCache.answer("hi")).replaceFirst("\\{", "{\"addedLater\":42,");

    assertThat(ResultJson.read(json)).isEqualTo(TestCache.answer("hi"));
  }

  @Test
  void text_that_is_not_a_result_is_an_unchecked_error() {
    assertThatThrownBy(() -> ResultJson.read("{not json")).isInstanceOf(UncheckedIOException.class);
  }
}
