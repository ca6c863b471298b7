package dev.coracle.api;

import static dev.coracle.api.HttpCalls.chat;
import static dev.coracle.api.HttpCalls.json;
import static dev.coracle.api.HttpCalls.parse;
import static dev.coracle.api.HttpCalls.post;
import static dev.coracle.api.HttpCalls.sseData;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.coracle.fakes.FakeOllamaServer;
import dev.coracle.fakes.FakeOpenAiServer;
import dev.coracle.fakes.RecordedRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Legacy completions and model aliases through a real coracle: the local model answers on fake
 * Ollama's {@code /api/generate}, other upstreams get the completion restated as a chat.
 */
class CompletionsIT {
  static final String CODER = "coder-echo:7b";

  @TempDir static Path home;
  static FakeOllamaServer ollama;
  static FakeOpenAiServer cloud;
  static CoracleUnderTest coracle;

  @BeforeAll
  static void start() {
    ollama = new FakeOllamaServer().start();
    cloud = new FakeOpenAiServer().start();
    String yaml =
        """
        local:
          ollama:
            base-url: "%s"
            reasoning-model: "qwen-echo:7b"
            coder-model: "%s"
            timeout-seconds: 20
        providers:
        %s
        models:
          aliases:
            "my-coder": fake/echo
            "gpt-4o-mini*": coracle-fast
        """
            .formatted(
                ollama.baseUrl(),
                CODER,
                CoracleUnderTest.openAiProvider("fake", cloud.baseUrl(), "echo", "broken-stream"));
    // Chats may start jobs here, so the test below proves that completions never do.
    coracle = CoracleUnderTest.start(home, yaml, Map.of("CORACLE_JOBS_FROM_CHAT", "true"));
  }

  @AfterAll
  static void stop() {
    coracle.close();
    cloud.close();
    ollama.close();
  }

  @BeforeEach
  void clearRecords() {
    ollama.reset();
    cloud.reset();
  }

  private String url() {
    return coracle.baseUrl() + "/v1/completions";
  }

  /** The generations fake Ollama was asked for, leaving out the slot's empty load requests. */
  private static List<JsonNode> generations() {
    return ollama.requests("/api/generate").stream()
        .map(RecordedRequest::body)
        .filter(body -> !body.path("prompt").asText("").isEmpty() || body.has("suffix"))
        .toList();
  }

  @Test
  void a_prompt_is_continued_by_the_local_coder_model_on_api_generate() {
    HttpResponse<String> response =
        post(url(), "{\"model\":\"coracle\",\"prompt\":\"def add(a, b):\",\"max_tokens\":32}");

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    JsonNode body = json(response);
    String workflowId = response.headers().firstValue("x-coracle-workflow-id").orElseThrow();
    assertThat(body.path("id").asText()).isEqualTo("cmpl-" + workflowId);
    assertThat(body.path("object").asText()).isEqualTo("text_completion");
    assertThat(body.path("created").asLong()).isPositive();
    assertThat(body.path("model").asText()).isEqualTo("coracle");
    assertThat(body.at("/choices/0/text").asText()).isEqualTo("echo: def add(a, b):");
    assertThat(body.at("/choices/0/index").asInt()).isZero();
    assertThat(body.at("/choices/0").has("logprobs")).isTrue();
    assertThat(body.at("/choices/0/logprobs").isNull()).isTrue();
    assertThat(body.at("/choices/0/finish_reason").asText()).isEqualTo("stop");
    assertThat(body.at("/usage/total_tokens").asInt())
        .isEqualTo(
            body.at("/usage/prompt_tokens").asInt() + body.at("/usage/completion_tokens").asInt());
    assertThat(response.headers().firstValue("x-coracle-provider")).contains("ollama");
    assertThat(response.headers().firstValue("x-coracle-model")).contains(CODER);
    assertThat(response.headers().firstValue("x-coracle-class")).isPresent();
    assertThat(response.headers().firstValue("x-coracle-cache")).contains("miss");
    assertThat(response.headers().firstValue("x-coracle-overhead-ms")).isPresent();

    List<JsonNode> generations = generations();
    assertThat(generations).hasSize(1);
    JsonNode sent = generations.get(0);
    assertThat(sent.path("model").asText()).isEqualTo(CODER);
    assertThat(sent.path("prompt").asText()).isEqualTo("def add(a, b):");
    assertThat(sent.path("raw").asBoolean()).isTrue();
    assertThat(sent.has("suffix")).isFalse();
    assertThat(sent.at("/options/num_predict").asInt()).isEqualTo(32);
    assertThat(ollama.requests("/api/chat")).isEmpty();
  }

  @Test
  void a_suffix_reaches_ollama_as_fill_in_the_middle_for_an_aliased_vendor_name() {
    String request =
        """
        {"model": "gpt-3.5-turbo-instruct", "prompt": "def add(a, b):\\n    ",
         "suffix": "\\n\\nprint(add(1, 2))", "max_tokens": 64, "stop": ["\\n\\n\\n"],
         "temperature": 0.2, "user": "editor", "echo": false, "n": 1, "best_of": 1}
        """;
    HttpResponse<String> response = post(url(), request);

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    JsonNode body = json(response);
    assertThat(body.path("model").asText()).isEqualTo("gpt-3.5-turbo-instruct");
    assertThat(body.at("/choices/0/text").asText())
        .isEqualTo("echo: fill def add(a, b):\n    |\n\nprint(add(1, 2))");
    JsonNode sent = generations().get(0);
    assertThat(sent.path("model").asText()).isEqualTo(CODER);
    assertThat(sent.path("prompt").asText()).isEqualTo("def add(a, b):\n    ");
    assertThat(sent.path("suffix").asText()).isEqualTo("\n\nprint(add(1, 2))");
    // Ollama builds the FIM prompt from the model's template, which raw would skip.
    assertThat(sent.path("raw").asBoolean(false)).isFalse();
    assertThat(sent.at("/options/stop/0").asText()).isEqualTo("\n\n\n");
    assertThat(sent.at("/options/temperature").asDouble()).isEqualTo(0.2);
  }

  @Test
  void a_streamed_completion_sends_text_chunks_usage_and_done() {
    HttpResponse<String> response =
        post(
            url(),
            """
            {"model": "gpt-4o", "prompt": "one two three four", "stream": true,
             "stream_options": {"include_usage": true}}
            """);

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertThat(response.headers().firstValue("content-type").orElse(""))
        .startsWith("text/event-stream");
    assertThat(response.headers().firstValue("x-coracle-workflow-id")).isPresent();
    assertThat(response.headers().firstValue("x-coracle-model")).contains(CODER);
    List<String> data = sseData(response.body());
    assertThat(data).last().isEqualTo("[DONE]");
    List<JsonNode> chunks = new ArrayList<>();
    data.subList(0, data.size() - 1).forEach(d -> chunks.add(parse(d)));
    StringBuilder text = new StringBuilder();
    for (JsonNode chunk : chunks) {
      assertThat(chunk.path("object").asText()).isEqualTo("text_completion");
      assertThat(chunk.path("model").asText()).isEqualTo("gpt-4o");
      chunk.path("choices").forEach(choice -> text.append(choice.path("text").asText()));
    }
    assertThat(text.toString()).isEqualTo("echo: one two three four");
    assertThat(chunks.size()).isGreaterThan(3);
    JsonNode finish = chunks.get(chunks.size() - 2);
    assertThat(finish.at("/choices/0/finish_reason").asText()).isEqualTo("stop");
    JsonNode usage = chunks.get(chunks.size() - 1);
    assertThat(usage.path("choices")).isEmpty();
    assertThat(usage.at("/usage/completion_tokens").asInt()).isPositive();
    assertThat(generations().get(0).path("stream").asBoolean()).isTrue();
  }

  @Test
  void a_stream_that_breaks_after_tokens_ends_with_an_error_event_and_no_done() {
    HttpResponse<String> response =
        post(
            url(),
            "{\"model\":\"fake/broken-stream\",\"prompt\":\"one two three four five six\","
                + "\"stream\":true,\"max_tokens\":64}");

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    List<String> data = sseData(response.body());
    assertThat(data).doesNotContain("[DONE]");
    assertThat(parse(data.get(0)).at("/choices/0/text").asText()).isNotEmpty();
    JsonNode last = parse(data.get(data.size() - 1));
    assertThat(last.at("/error/code").asText()).isEqualTo("stream_broken");
  }

  @Test
  void a_cloud_model_gets_the_completion_restated_as_a_chat() {
    HttpResponse<String> response =
        post(
            url(),
            "{\"model\":\"my-coder\",\"prompt\":\"int x = \",\"suffix\":\";\",\"max_tokens\":64}");

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertThat(json(response).path("model").asText()).isEqualTo("my-coder");
    assertThat(json(response).at("/choices/0/text").asText()).isEqualTo("echo: int x = <FILL>;");
    assertThat(response.headers().firstValue("x-coracle-provider")).contains("fake");
    RecordedRequest sent = cloud.requests("/v1/chat/completions").get(0);
    assertThat(sent.model()).isEqualTo("echo");
    assertThat(sent.body().at("/messages/0/role").asText()).isEqualTo("system");
    assertThat(sent.body().at("/messages/0/content").asText()).contains("<FILL>");
    assertThat(sent.body().at("/messages/1/content").asText()).isEqualTo("int x = <FILL>;");
    assertThat(generations()).isEmpty();
  }

  @Test
  void a_completion_on_the_deep_profile_is_answered_and_never_starts_a_job() {
    HttpResponse<String> response =
        post(url(), "{\"model\":\"coracle-deep\",\"prompt\":\"refactor the parser\"}");

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertThat(response.headers().firstValue("x-coracle-job-id")).isEmpty();
    assertThat(response.headers().firstValue("x-coracle-class")).contains("deep");
    assertThat(json(response).at("/choices/0/text").asText())
        .isEqualTo("echo: refactor the parser");
  }

  @Test
  void completions_are_never_answered_from_the_cache() {
    String request = "{\"model\":\"coracle\",\"prompt\":\"same prefix\",\"temperature\":0}";
    post(url(), request);
    HttpResponse<String> again = post(url(), request);

    assertThat(again.statusCode()).isEqualTo(200);
    assertThat(again.headers().firstValue("x-coracle-cache")).contains("miss");
    assertThat(generations()).hasSize(2);
  }

  @Test
  void echo_puts_the_prompt_in_front_of_the_completion() {
    HttpResponse<String> response =
        post(url(), "{\"model\":\"coracle\",\"prompt\":[\"abc\"],\"echo\":true}");

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertThat(json(response).at("/choices/0/text").asText()).isEqualTo("abcecho: abc");
  }

  @Test
  void control_characters_are_removed_from_prompt_and_suffix() {
    HttpResponse<String> response =
        post(url(), "{\"model\":\"coracle\",\"prompt\":\"a\\u0000b\",\"suffix\":\"c\\u0007d\"}");

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    JsonNode sent = generations().get(0);
    assertThat(sent.path("prompt").asText()).isEqualTo("ab");
    assertThat(sent.path("suffix").asText()).isEqualTo("cd");
  }

  @Test
  void bad_input_is_a_400_naming_the_parameter() {
    assertBadParam("{\"model\":\"coracle\",\"prompt\":[1,2,3]}", "prompt");
    assertBadParam("{\"model\":\"coracle\",\"prompt\":[\"a\",\"b\"]}", "prompt");
    assertBadParam("{\"model\":\"coracle\"}", "prompt");
    assertBadParam("{\"prompt\":\"x\"}", "model");
    assertBadParam("{\"model\":\"coracle\",\"prompt\":\"x\",\"n\":2}", "n");
    assertBadParam("{\"model\":\"coracle\",\"prompt\":\"x\",\"best_of\":3}", "best_of");
    assertBadParam("{\"model\":\"coracle\",\"prompt\":\"x\",\"logprobs\":1}", "logprobs");
    assertBadParam(
        "{\"model\":\"coracle\",\"prompt\":\"x\",\"max_tokens\":\"many\"}", "max_tokens");
    assertBadParam("{\"model\":\"coracle\",\"prompt\":\"x\",\"max_tokens\":0}", "max_tokens");
    assertBadParam("{\"model\":\"coracle\",\"prompt\":\"x\",\"temperature\":3}", "temperature");
    assertBadParam("{\"model\":\"coracle\",\"prompt\":\"x\",\"stop\":[1]}", "stop");
    assertBadParam("{\"model\":\"coracle\",\"prompt\":\"x\",\"suffix\":{}}", "suffix");
    HttpResponse<String> notJson = post(url(), "{\"model\":");
    assertThat(notJson.statusCode()).isEqualTo(400);
    assertThat(json(notJson).at("/error/type").asText()).isEqualTo("invalid_request_error");
    assertThat(generations()).isEmpty();
  }

  private void assertBadParam(String body, String param) {
    HttpResponse<String> response = post(url(), body);
    assertThat(response.statusCode()).as(body + " -> " + response.body()).isEqualTo(400);
    assertThat(json(response).at("/error/type").asText()).isEqualTo("invalid_request_error");
    assertThat(json(response).at("/error/param").asText()).as(body).isEqualTo(param);
    assertThat(json(response).at("/error/message").asText()).isNotBlank();
  }

  @Test
  void an_unknown_model_is_a_404_model_not_found() {
    HttpResponse<String> response = post(url(), "{\"model\":\"llama-9\",\"prompt\":\"x\"}");

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(json(response).at("/error/code").asText()).isEqualTo("model_not_found");
    assertThat(json(response).at("/error/param").asText()).isEqualTo("model");
  }

  @Test
  void a_chat_with_a_claude_haiku_name_runs_on_the_fast_profile_and_echoes_the_name() {
    HttpResponse<String> response =
        post(
            coracle.baseUrl() + "/v1/chat/completions",
            chat("claude-3-5-haiku-latest", "name this chat", ""));

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertThat(json(response).path("model").asText()).isEqualTo("claude-3-5-haiku-latest");
    assertThat(response.headers().firstValue("x-coracle-class")).contains("fast");
    assertThat(response.headers().firstValue("x-coracle-model")).contains("qwen-echo:7b");
  }

  @Test
  void the_model_list_shows_concrete_aliases_as_ids_and_every_pattern_in_order() {
    JsonNode list = json(HttpCalls.get(coracle.baseUrl() + "/v1/models"));

    List<String> patterns = new ArrayList<>();
    list.path("coracle_aliases").forEach(a -> patterns.add(a.path("pattern").asText()));
    assertThat(patterns)
        .containsExactly("my-coder", "gpt-4o-mini*", "claude-*haiku*", "claude-*", "gpt-*");
    assertThat(list.at("/coracle_aliases/2/model").asText()).isEqualTo("coracle-fast");
    JsonNode myCoder = null;
    for (JsonNode model : list.path("data")) {
      if (model.path("id").asText().equals("my-coder")) {
        myCoder = model;
      }
      assertThat(model.path("id").asText()).doesNotContain("*");
    }
    assertThat(myCoder).isNotNull();
    assertThat(myCoder.path("alias_for").asText()).isEqualTo("fake/echo");
    assertThat(myCoder.path("object").asText()).isEqualTo("model");

    HttpResponse<String> gpt = HttpCalls.get(coracle.baseUrl() + "/v1/models/gpt-4o");
    assertThat(gpt.statusCode()).isEqualTo(200);
    assertThat(json(gpt).path("id").asText()).isEqualTo("gpt-4o");
    assertThat(json(gpt).path("alias_for").asText()).isEqualTo("coracle");
    HttpResponse<String> mini = HttpCalls.get(coracle.baseUrl() + "/v1/models/gpt-4o-mini-2024");
    assertThat(json(mini).path("alias_for").asText()).isEqualTo("coracle-fast");
    HttpResponse<String> profile = HttpCalls.get(coracle.baseUrl() + "/v1/models/coracle-fast");
    assertThat(json(profile).has("alias_for")).isFalse();
    assertThat(HttpCalls.get(coracle.baseUrl() + "/v1/models/llama-9").statusCode()).isEqualTo(404);
  }
}
