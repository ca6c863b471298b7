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
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Chat completions through a real coracle against fake Ollama and OpenAI-format upstreams. */
class ChatCompletionsIT {
  @TempDir static Path home;
  static FakeOllamaServer ollama;
  static FakeOpenAiServer cloud;
  static CoracleUnderTest coracle;

  @BeforeAll
  static void start() {
    ollama = new FakeOllamaServer().start();
    cloud = new FakeOpenAiServer().start();
    String providers =
        "providers:\n"
            + CoracleUnderTest.openAiProvider("broken", cloud.baseUrl(), "fail-500")
            + CoracleUnderTest.openAiProvider("fake", cloud.baseUrl(), "echo", "broken-stream");
    coracle =
        CoracleUnderTest.start(
            home, CoracleUnderTest.withOllama(ollama.baseUrl(), "qwen-echo:7b", providers));
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
    return coracle.baseUrl() + "/v1/chat/completions";
  }

  @Test
  void quick_question_is_answered_by_the_local_model_with_usage_and_coracle_headers() {
    HttpResponse<String> response = post(url(), chat("coracle", "what is a monad?", ""));

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode body = json(response);
    assertThat(body.path("object").asText()).isEqualTo("chat.completion");
    assertThat(body.path("model").asText()).isEqualTo("coracle");
    assertThat(body.at("/choices/0/message/role").asText()).isEqualTo("assistant");
    assertThat(body.at("/choices/0/message/content").asText()).isEqualTo("echo: what is a monad?");
    assertThat(body.at("/choices/0/finish_reason").asText()).isEqualTo("stop");
    assertThat(body.at("/usage/completion_tokens").asInt()).isPositive();
    assertThat(body.at("/usage/total_tokens").asInt())
        .isEqualTo(
            body.at("/usage/prompt_tokens").asInt() + body.at("/usage/completion_tokens").asInt());
    String workflowId = response.headers().firstValue("x-coracle-workflow-id").orElseThrow();
    assertThat(workflowId).matches("chat-[0-9A-Z]{26}");
    assertThat(body.path("id").asText()).isEqualTo("chatcmpl-" + workflowId);
    assertThat(response.headers().firstValue("x-coracle-class")).contains("fast");
    assertThat(response.headers().firstValue("x-coracle-provider")).contains("ollama");
    assertThat(response.headers().firstValue("x-coracle-model")).contains("qwen-echo:7b");
    assertThat(Long.parseLong(response.headers().firstValue("x-coracle-overhead-ms").orElseThrow()))
        .isNotNegative();
    assertThat(ollama.requests("/api/chat")).hasSize(1);
    assertThat(cloud.requests()).isEmpty();
  }

  @Test
  void sampling_parameters_reach_the_upstream_unchanged() {
    String extra =
        "\"max_tokens\": 50, \"temperature\": 0.3, \"top_p\": 0.9, \"stop\": [\"END\"], \"seed\": 42";
    HttpResponse<String> response = post(url(), chat("fake/echo", "hello there", extra));

    assertThat(response.statusCode()).isEqualTo(200);
    RecordedRequest sent = cloud.requests("/v1/chat/completions").get(0);
    assertThat(sent.body().path("max_tokens").asInt()).isEqualTo(50);
    assertThat(sent.body().path("temperature").asDouble()).isEqualTo(0.3);
    assertThat(sent.body().path("top_p").asDouble()).isEqualTo(0.9);
    assertThat(sent.body().path("stop").get(0).asText()).isEqualTo("END");
    assertThat(sent.body().path("seed").asInt()).isEqualTo(42);
  }

  @Test
  void provider_slash_model_routes_straight_to_that_model() {
    HttpResponse<String> response = post(url(), chat("fake/echo", "route me", ""));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("x-coracle-provider")).contains("fake");
    assertThat(cloud.requests("/v1/chat/completions"))
        .extracting(RecordedRequest::model)
        .containsExactly("echo");
    assertThat(ollama.requests("/api/chat")).isEmpty();
  }

  @Test
  void failing_provider_falls_back_to_the_next_one_invisibly() {
    // Research prefers the cloud providers in file order: "broken" answers 500, "fake" echoes.
    HttpResponse<String> response = post(url(), chat("coracle-research", "compare A vs B", ""));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(json(response).at("/choices/0/message/content").asText())
        .isEqualTo("echo: compare A vs B");
    assertThat(response.headers().firstValue("x-coracle-provider")).contains("fake");
    assertThat(response.headers().firstValue("x-coracle-class")).contains("research");
    assertThat(cloud.requests("/v1/chat/completions"))
        .extracting(RecordedRequest::model)
        .startsWith("fail-500")
        .endsWith("echo");
  }

  @Test
  void streamed_answer_arrives_as_openai_chunks_with_usage_and_done() {
    String extra = "\"stream\": true, \"stream_options\": {\"include_usage\": true}";
    HttpResponse<String> response = post(url(), chat("coracle", "tell me four words", extra));

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertThat(response.headers().firstValue("content-type").orElse(""))
        .startsWith("text/event-stream");
    assertThat(response.headers().firstValue("x-coracle-workflow-id")).isPresent();
    List<String> data = sseData(response.body());
    assertThat(data.get(data.size() - 1)).isEqualTo("[DONE]");
    List<JsonNode> chunks =
        data.subList(0, data.size() - 1).stream().map(HttpCalls::parse).toList();
    assertThat(chunks)
        .allSatisfy(c -> assertThat(c.path("object").asText()).isEqualTo("chat.completion.chunk"));
    assertThat(chunks.get(0).at("/choices/0/delta/role").asText()).isEqualTo("assistant");
    StringBuilder text = new StringBuilder();
    long contentChunks =
        chunks.stream()
            .filter(c -> c.at("/choices/0/delta/content").isTextual())
            .peek(c -> text.append(c.at("/choices/0/delta/content").asText()))
            .filter(c -> !c.at("/choices/0/delta/content").asText().isEmpty())
            .count();
    assertThat(text.toString()).isEqualTo("echo: tell me four words");
    assertThat(contentChunks).as("tokens arrive in several chunks").isGreaterThan(2);
    JsonNode finish = chunks.get(chunks.size() - 2);
    assertThat(finish.at("/choices/0/finish_reason").asText()).isEqualTo("stop");
    JsonNode usage = chunks.get(chunks.size() - 1);
    assertThat(usage.path("choices")).isEmpty();
    assertThat(usage.at("/usage/completion_tokens").asInt()).isPositive();
  }

  @Test
  void stream_without_include_usage_has_no_usage_chunk() {
    HttpResponse<String> response = post(url(), chat("coracle", "hi there", "\"stream\": true"));

    List<String> data = sseData(response.body());
    assertThat(data).last().isEqualTo("[DONE]");
    assertThat(data.subList(0, data.size() - 1))
        .allSatisfy(chunk -> assertThat(parse(chunk).has("usage")).isFalse());
  }

  @Test
  void stream_broken_after_first_token_ends_with_an_openai_error_chunk() {
    HttpResponse<String> response =
        post(url(), chat("fake/broken-stream", "break please", "\"stream\": true"));

    assertThat(response.statusCode()).isEqualTo(200);
    List<String> data = sseData(response.body());
    // The error event is the last word: a [DONE] would pass the partial answer off as complete.
    assertThat(data).doesNotContain("[DONE]");
    JsonNode error = parse(data.get(data.size() - 1));
    assertThat(error.at("/error/code").asText()).isEqualTo("stream_broken");
    assertThat(error.at("/error/message").asText()).contains("fake/broken-stream");
  }

  @Test
  void same_idempotency_key_gets_the_same_answer_without_a_second_model_call() {
    String body = chat("fake/echo", "only once", "");
    HttpResponse<String> first = post(url(), body, "Idempotency-Key", "retry-42");
    HttpResponse<String> second = post(url(), body, "Idempotency-Key", "retry-42");

    assertThat(first.statusCode()).isEqualTo(200);
    assertThat(second.statusCode()).isEqualTo(200);
    assertThat(second.headers().firstValue("x-coracle-workflow-id"))
        .isEqualTo(first.headers().firstValue("x-coracle-workflow-id"));
    assertThat(json(second).path("choices")).isEqualTo(json(first).path("choices"));
    assertThat(cloud.requests("/v1/chat/completions")).hasSize(1);
  }

  @Test
  void idempotency_key_reused_for_a_different_request_is_a_422() {
    HttpResponse<String> first =
        post(url(), chat("fake/echo", "first question", ""), "Idempotency-Key", "reuse-7");
    HttpResponse<String> second =
        post(url(), chat("fake/echo", "another question", ""), "Idempotency-Key", "reuse-7");

    assertThat(first.statusCode()).isEqualTo(200);
    assertThat(second.statusCode()).isEqualTo(422);
    assertThat(json(second).at("/error/code").asText()).isEqualTo("idempotency_key_reused");
    assertThat(cloud.requests("/v1/chat/completions")).hasSize(1);
  }

  @Test
  void streamed_retry_with_the_same_key_gets_the_whole_answer() {
    String body = chat("fake/echo", "stream it twice", "\"stream\": true");
    HttpResponse<String> first = post(url(), body, "Idempotency-Key", "stream-twice");
    HttpResponse<String> second = post(url(), body, "Idempotency-Key", "stream-twice");

    assertThat(streamedText(second))
        .isEqualTo(streamedText(first))
        .isEqualTo("echo: stream it twice");
    assertThat(cloud.requests("/v1/chat/completions")).hasSize(1);
  }

  private static String streamedText(HttpResponse<String> response) {
    StringBuilder text = new StringBuilder();
    for (String data : sseData(response.body())) {
      if (!data.equals("[DONE]")) {
        text.append(parse(data).at("/choices/0/delta/content").asText(""));
      }
    }
    return text.toString();
  }

  @Test
  void status_question_is_answered_without_any_model() {
    HttpResponse<String> response =
        post(url(), chat("coracle", "what's the status of my jobs?", ""));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("x-coracle-class")).contains("status");
    assertThat(response.headers().firstValue("x-coracle-provider")).contains("coracle");
    assertThat(json(response).at("/choices/0/message/content").asText()).contains("no coding jobs");
    assertThat(ollama.requests("/api/chat")).isEmpty();
    assertThat(cloud.requests()).isEmpty();
  }

  @Test
  void models_lists_profiles_and_every_configured_model() {
    JsonNode models = json(HttpCalls.get(coracle.baseUrl() + "/v1/models"));

    assertThat(models.path("object").asText()).isEqualTo("list");
    assertThat(models.path("data").findValuesAsText("id"))
        .containsExactly(
            "coracle",
            "coracle-fast",
            "coracle-deep",
            "coracle-research",
            "coracle-status",
            "coracle-embed",
            "ollama/qwen-echo:7b",
            "broken/fail-500",
            "fake/echo",
            "fake/broken-stream");
    HttpResponse<String> one = HttpCalls.get(coracle.baseUrl() + "/v1/models/fake/echo");
    assertThat(one.statusCode()).isEqualTo(200);
    assertThat(json(one).path("owned_by").asText()).isEqualTo("fake");
  }
}
