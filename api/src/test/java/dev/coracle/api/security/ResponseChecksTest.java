package dev.coracle.api.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The fuzz test's checks catch what they are meant to catch. */
class ResponseChecksTest {
  private static final String OPENAI_ERROR =
      "{\"error\":{\"message\":\"bad\",\"type\":\"invalid_request_error\",\"param\":null,"
          + "\"code\":null}}";
  private static final String JSON_RPC_ERROR =
      "{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-32600,\"message\":\"bad\"}}";

  private static final String ANTHROPIC_ERROR =
      "{\"type\":\"error\",\"error\":{\"type\":\"invalid_request_error\",\"message\":\"bad\"}}";

  private static FuzzRequest post(String path) {
    return new FuzzRequest("POST " + path, "test", "POST", path, Map.of(), new byte[0]);
  }

  private static ResponseChecks.Answer answer(int status, String body) {
    return new ResponseChecks.Answer(status, "application/json", body);
  }

  @Test
  void an_error_in_its_doors_shape_passes() {
    assertThat(ResponseChecks.problems(post("/v1/embeddings"), answer(400, OPENAI_ERROR)))
        .isEmpty();
    assertThat(ResponseChecks.problems(post("/mcp"), answer(400, JSON_RPC_ERROR))).isEmpty();
    assertThat(ResponseChecks.problems(post("/v1/messages"), answer(400, ANTHROPIC_ERROR)))
        .isEmpty();
  }

  @Test
  void the_messages_door_must_answer_in_anthropics_shape_not_openais() {
    assertThat(
            ResponseChecks.problems(post("/v1/messages/count_tokens"), answer(400, OPENAI_ERROR)))
        .singleElement()
        .asString()
        .startsWith("error not in the ANTHROPIC shape");
    ResponseChecks.Answer stream =
        new ResponseChecks.Answer(
            200, "text/event-stream", "event: error\ndata: " + OPENAI_ERROR + "\n\n");
    assertThat(ResponseChecks.problems(post("/v1/messages"), stream))
        .singleElement()
        .asString()
        .startsWith("stream error event not in the ANTHROPIC shape");
  }

  @Test
  void a_5xx_a_stack_trace_and_a_foreign_shape_are_each_caught() {
    assertThat(ResponseChecks.problems(post("/v1/embeddings"), answer(500, OPENAI_ERROR)))
        .containsExactly("answered 500");
    assertThat(
            ResponseChecks.problems(
                post("/api/classify"),
                answer(
                    400,
                    OPENAI_ERROR.replace(
                        "bad", "java.lang.IllegalStateException: boom\\n\\tat a.B.c(B.java:3)"))))
        .containsExactly("stack trace or exception class in the body");
    assertThat(ResponseChecks.problems(post("/mcp"), answer(404, OPENAI_ERROR)))
        .singleElement()
        .asString()
        .startsWith("error not in the MCP shape");
    assertThat(ResponseChecks.problems(post("/v1/models"), answer(401, "")))
        .singleElement()
        .asString()
        .startsWith("error not in the OPENAI shape");
  }

  @Test
  void an_error_event_in_a_stream_must_have_openais_shape() {
    ResponseChecks.Answer stream =
        new ResponseChecks.Answer(
            200, "text/event-stream", "data: {\"error\":{\"message\":\"x\"}}\n\ndata: [DONE]\n");

    assertThat(ResponseChecks.problems(post("/v1/chat/completions"), stream))
        .singleElement()
        .asString()
        .startsWith("stream error event");
  }

  @Test
  void an_mcp_answer_with_an_error_or_a_failed_tool_counts_as_refused() {
    assertThat(ResponseChecks.rejected(post("/mcp"), answer(200, JSON_RPC_ERROR))).isTrue();
    assertThat(
            ResponseChecks.rejected(
                post("/mcp"),
                answer(200, "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"isError\":true}}")))
        .isTrue();
    assertThat(
            ResponseChecks.rejected(
                post("/mcp"), answer(200, "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{}}")))
        .isFalse();
  }
}
