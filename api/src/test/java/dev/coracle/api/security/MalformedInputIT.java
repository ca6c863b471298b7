package dev.coracle.api.security;

import static dev.coracle.api.HttpCalls.json;
import static dev.coracle.api.HttpCalls.post;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.coracle.api.CoracleUnderTest;
import dev.coracle.api.HttpCalls;
import dev.coracle.fakes.FakeOpenAiServer;
import dev.coracle.fakes.RecordedRequest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Input the fuzz test found or the issue named, each pinned down: NUL and other control characters,
 * lone surrogates and bytes that are not UTF-8 in text fields are removed or replaced at the edge,
 * blank input gets the answer OpenAI gives, malformed MCP messages and unknown charsets get a 4xx
 * in the door's shape. Never a 5xx.
 */
class MalformedInputIT {
  @TempDir static Path home;
  static FakeOpenAiServer cloud;
  static CoracleUnderTest coracle;

  @BeforeAll
  static void start() {
    cloud = new FakeOpenAiServer().start();
    coracle =
        CoracleUnderTest.start(
            home,
            CoracleUnderTest.cloudOnly(
                """
                providers:
                  - name: cloud
                    kind: openai-compatible
                    base-url: "%s"
                    api-key: "${FAKE_KEY:test-key}"
                    timeout-seconds: 10
                    models: [echo]
                """
                    .formatted(cloud.baseUrl())));
    // The classifier is built in the background after start-up; a chat that came first would wait
    // for it inside a workflow. Asking it once waits here instead.
    HttpCalls.post(coracle.url("/api/classify"), "{\"text\":\"warm up\"}");
  }

  @AfterAll
  static void stop() {
    coracle.close();
    cloud.close();
  }

  @ParameterizedTest(name = "input {0}")
  @ValueSource(
      strings = {
        "\"\\u0000\"",
        "\"\"",
        "[]",
        "[\"fine\", \" \\u0001 \"]",
        "\"\\u001b\"",
        "\"\\ufffd\\u200b\\u0301\"",
        "\"\\ud800\""
      })
  void blank_embedding_input_gets_openais_400(String input) {
    HttpResponse<String> response =
        post(
            coracle.url("/v1/embeddings"), "{\"model\":\"coracle-embed\",\"input\":" + input + "}");

    assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
    JsonNode error = json(response).path("error");
    assertThat(error.path("type").asText()).isEqualTo("invalid_request_error");
    assertThat(error.path("param").isNull()).isTrue();
    assertThat(error.path("code").isNull()).isTrue();
    assertThat(error.path("message").asText()).startsWith("'$.input' is invalid");
  }

  @Test
  void control_characters_in_embedding_input_are_removed_before_embedding() {
    HttpResponse<String> dirty =
        post(
            coracle.url("/v1/embeddings"),
            "{\"model\":\"coracle-embed\",\"input\":\"reverse\\u0000 a\\u0007 list\"}");
    HttpResponse<String> clean =
        post(
            coracle.url("/v1/embeddings"),
            "{\"model\":\"coracle-embed\",\"input\":\"reverse a list\"}");

    assertThat(dirty.statusCode()).as(dirty.body()).isEqualTo(200);
    assertThat(json(dirty).at("/data/0/embedding")).isEqualTo(json(clean).at("/data/0/embedding"));
  }

  @ParameterizedTest(name = "text {0}")
  @ValueSource(
      strings = {
        "\\u0000",
        "\\ud800",
        "\\ufffd\\u200b",
        "\\ue000",
        "fix the failing\\u0000 tests\\u001b[0m",
        " \\t "
      })
  void classify_answers_any_text(String text) {
    HttpResponse<String> response =
        post(coracle.url("/api/classify"), "{\"text\":\"" + text + "\"}");

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertThat(json(response).path("class").asText()).isNotBlank();
  }

  @Test
  void chat_with_nothing_but_control_characters_is_a_400_not_an_upstream_error() {
    HttpResponse<String> response =
        post(
            coracle.url("/v1/chat/completions"),
            "{\"model\":\"coracle\",\"messages\":[{\"role\":\"user\",\"content\":\"\\u0000\"}]}");

    assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
    assertThat(json(response).at("/error/type").asText()).isEqualTo("invalid_request_error");
    assertThat(json(response).at("/error/param").asText()).isEqualTo("messages");
  }

  @Test
  void chat_whose_text_the_embedding_model_cannot_read_is_answered() {
    HttpResponse<String> response =
        post(
            coracle.url("/v1/chat/completions"),
            "{\"model\":\"coracle\",\"messages\":[{\"role\":\"user\",\"content\":\"\\ufffd\\u200b\"}]}");

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
  }

  @Test
  void upstream_receives_chat_text_without_controls_and_with_lone_surrogates_replaced() {
    int before = cloud.requests("/v1/chat/completions").size();
    HttpResponse<String> response =
        post(
            coracle.url("/v1/chat/completions"),
            "{\"model\":\"cloud/echo\",\"messages\":["
                + "{\"role\":\"system\",\"content\":\"\\u0000\"},"
                + "{\"role\":\"user\",\"content\":\"he\\u0000l\\u001blo\\tworld \\ud800!\"}]}",
            "Cache-Control",
            "no-cache");

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    List<RecordedRequest> sent = cloud.requests("/v1/chat/completions");
    assertThat(sent).hasSize(before + 1);
    JsonNode messages = sent.get(sent.size() - 1).body().path("messages");
    assertThat(messages).hasSize(1);
    assertThat(messages.get(0).path("content").asText()).isEqualTo("hello\tworld \uFFFD!");
  }

  @Test
  void bytes_that_are_not_utf8_become_replacement_characters() throws Exception {
    byte[] latin1 =
        "{\"model\":\"coracle-embed\",\"input\":\"caf\u00e9\"}"
            .getBytes(StandardCharsets.ISO_8859_1);
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(coracle.url("/v1/embeddings")))
                    .header("content-type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(latin1))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    HttpResponse<String> replaced =
        post(
            coracle.url("/v1/embeddings"), "{\"model\":\"coracle-embed\",\"input\":\"caf\ufffd\"}");

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertThat(json(response).at("/data/0/embedding"))
        .isEqualTo(json(replaced).at("/data/0/embedding"));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "null",
        "[]",
        "{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"tools/call\"}",
        "{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"tools/call\",\"params\":{\"name\":\"list_jobs\","
            + "\"arguments\":\"%00\"}}",
        "{\"jsonrpc\":\"2.0\",\"id\":{},\"method\":\"tools/list\"}",
        "{\"jsonrpc\":\"1.0\",\"id\":1,\"method\":\"tools/list\"}",
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":7}",
        "{\"jsonrpc\":"
      })
  void malformed_mcp_message_is_a_json_rpc_error(String body) {
    HttpResponse<String> response = post(coracle.url("/mcp"), body);

    assertThat(response.statusCode()).as(response.body()).isIn(200, 400);
    JsonNode answer = json(response);
    assertThat(answer.path("jsonrpc").asText()).isEqualTo("2.0");
    assertThat(answer.has("id")).isTrue();
    assertThat(answer.at("/error/code").asInt()).isBetween(-32700, -32600);
  }

  @Test
  void mcp_routes_without_a_handler_answer_json_rpc_errors() {
    HttpResponse<String> get = HttpCalls.get(coracle.url("/mcp"));
    HttpResponse<String> unknown = post(coracle.url("/mcp/extra"), "{}");

    assertThat(get.statusCode()).isEqualTo(405);
    assertThat(json(get).at("/error/code").asInt()).isEqualTo(-32600);
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(json(unknown).at("/error/code").asInt()).isEqualTo(-32600);
  }

  @Test
  void a_charset_the_server_cannot_decode_is_a_415_in_openai_shape() throws Exception {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(coracle.url("/api/classify")))
                    .header("content-type", "application/json; charset=no-such-charset")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"text\":\"hi\"}"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).as(response.body()).isEqualTo(415);
    assertThat(json(response).at("/error/code").asText()).isEqualTo("unsupported_media_type");
  }

  @Test
  void a_body_that_is_not_compressed_as_declared_is_a_400() throws Exception {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(coracle.url("/v1/embeddings")))
                    .header("content-type", "application/json")
                    .header("content-encoding", "gzip")
                    .POST(
                        HttpRequest.BodyPublishers.ofString(
                            "{\"model\":\"coracle-embed\",\"input\":\"hi\"}"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
    assertThat(json(response).at("/error/type").asText()).isEqualTo("invalid_request_error");
  }
}
