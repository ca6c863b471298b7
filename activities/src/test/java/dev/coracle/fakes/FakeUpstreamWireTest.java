package dev.coracle.fakes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The fakes' wire details that LangChain4j does not surface: headers, model lists, residency, and
 * the exact shape of tool calls.
 */
class FakeUpstreamWireTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @Test
  void rate_limited_openai_answer_carries_retry_after_and_rate_limit_headers() throws Exception {
    try (FakeOpenAiServer server = new FakeOpenAiServer().start()) {
      HttpResponse<String> response =
          post(
              server.baseUrl() + "/chat/completions",
              "{\"model\":\"rate-limited\",\"messages\":[]}");

      assertThat(response.statusCode()).isEqualTo(429);
      assertThat(response.headers().firstValue("retry-after")).contains("7");
      assertThat(response.headers().firstValue("x-ratelimit-remaining-requests")).contains("0");
      assertThat(JSON.readTree(response.body()).path("error").path("code").asText())
          .isEqualTo("rate_limit_exceeded");
    }
  }

  @Test
  void openai_answer_carries_its_rate_limit_budget() throws Exception {
    try (FakeOpenAiServer server = new FakeOpenAiServer().start()) {
      String body = "{\"model\":\"echo\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
      HttpResponse<String> first = post(server.baseUrl() + "/chat/completions", body);
      HttpResponse<String> second = post(server.baseUrl() + "/chat/completions", body);

      assertThat(first.headers().firstValue("x-ratelimit-limit-requests")).contains("1000");
      assertThat(first.headers().firstValue("x-ratelimit-remaining-requests")).contains("999");
      assertThat(second.headers().firstValue("x-ratelimit-remaining-requests")).contains("998");
      assertThat(first.headers().firstValue("x-ratelimit-reset-requests")).contains("6m0s");
      assertThat(first.headers().firstValue("x-ratelimit-reset-tokens")).contains("1.5s");
    }
  }

  @Test
  void openai_stream_ends_with_finish_reason_usage_and_done() throws Exception {
    try (FakeOpenAiServer server = new FakeOpenAiServer().start()) {
      String body =
          "{\"model\":\"echo\",\"stream\":true,\"stream_options\":{\"include_usage\":true},"
              + "\"messages\":[{\"role\":\"user\",\"content\":\"hi there\"}]}";
      List<String> events = new ArrayList<>();
      for (String line : post(server.baseUrl() + "/chat/completions", body).body().split("\n")) {
        if (line.startsWith("data: ")) {
          events.add(line.substring("data: ".length()));
        }
      }

      assertThat(events).last().isEqualTo("[DONE]");
      JsonNode usage = JSON.readTree(events.get(events.size() - 2));
      assertThat(usage.path("choices")).isEmpty();
      assertThat(usage.path("usage").path("completion_tokens").asInt()).isEqualTo(3);
      JsonNode finish = JSON.readTree(events.get(events.size() - 3));
      assertThat(finish.path("object").asText()).isEqualTo("chat.completion.chunk");
      assertThat(finish.path("choices").get(0).path("finish_reason").asText()).isEqualTo("stop");
    }
  }

  @Test
  void openai_model_list_names_the_behaviours() throws Exception {
    try (FakeOpenAiServer server = new FakeOpenAiServer().start()) {
      JsonNode models = JSON.readTree(get(server.baseUrl() + "/models").body());

      assertThat(models.path("data").findValuesAsText("id")).contains("echo", "slow", "fail-500");
    }
  }

  @Test
  void ollama_unloads_a_model_on_keep_alive_zero_as_api_ps_shows() throws Exception {
    try (FakeOllamaServer server = new FakeOllamaServer().start()) {
      String chat =
          "{\"model\":\"qwen:7b\",\"stream\":false,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
      assertThat(post(server.baseUrl() + "/api/chat", chat).statusCode()).isEqualTo(200);
      assertThat(psNames(server)).containsExactly("qwen:7b");

      JsonNode unload =
          JSON.readTree(
              post(server.baseUrl() + "/api/generate", "{\"model\":\"qwen:7b\",\"keep_alive\":0}")
                  .body());
      assertThat(unload.path("done_reason").asText()).isEqualTo("unload");
      assertThat(psNames(server)).isEmpty();

      post(server.baseUrl() + "/api/generate", "{\"model\":\"coder\"}");
      assertThat(psNames(server)).containsExactly("coder:latest");
      assertThat(server.maxResidentModels()).isEqualTo(1);
    }
  }

  @Test
  void ollama_streams_ndjson_by_default() throws Exception {
    try (FakeOllamaServer server = new FakeOllamaServer().start()) {
      String chat = "{\"model\":\"echo\",\"messages\":[{\"role\":\"user\",\"content\":\"a b\"}]}";
      String[] lines = post(server.baseUrl() + "/api/chat", chat).body().split("\n");

      assertThat(lines).hasSize(4);
      JsonNode last = JSON.readTree(lines[3]);
      assertThat(last.path("done").asBoolean()).isTrue();
      assertThat(last.path("done_reason").asText()).isEqualTo("stop");
      assertThat(last.path("eval_count").asInt()).isEqualTo(3);
      assertThat(JSON.readTree(get(server.baseUrl() + "/api/version").body()).has("version"))
          .isTrue();
      assertThat(JSON.readTree(get(server.baseUrl() + "/api/tags").body()).path("models"))
          .isNotEmpty();
    }
  }

  @Test
  void openai_streams_a_tool_call_as_openai_does() throws Exception {
    try (FakeOpenAiServer server = new FakeOpenAiServer().start()) {
      String body =
          "{\"model\":\"echo\",\"stream\":true,"
              + "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"search\"}}],"
              + "\"messages\":[{\"role\":\"user\",\"content\":\"hi there\"}]}";
      List<JsonNode> chunks = new ArrayList<>();
      for (String line : post(server.baseUrl() + "/chat/completions", body).body().split("\n")) {
        if (line.startsWith("data: {")) {
          chunks.add(JSON.readTree(line.substring("data: ".length())));
        }
      }

      JsonNode first = chunks.get(0).at("/choices/0/delta/tool_calls/0");
      assertThat(first.path("index").asInt(-1)).isZero();
      assertThat(first.path("id").asText()).startsWith("call_");
      assertThat(first.path("type").asText()).isEqualTo("function");
      assertThat(first.at("/function/name").asText()).isEqualTo("search");
      assertThat(first.at("/function/arguments").asText("missing")).isEmpty();
      List<JsonNode> pieces =
          chunks.subList(1, chunks.size() - 1).stream()
              .map(c -> c.at("/choices/0/delta/tool_calls/0"))
              .toList();
      assertThat(pieces).hasSizeGreaterThanOrEqualTo(3).allMatch(p -> !p.has("id"));
      String arguments =
          pieces.stream().map(p -> p.at("/function/arguments").asText()).reduce("", String::concat);
      assertThat(JSON.readTree(arguments)).isEqualTo(JSON.readTree("{\"query\":\"hi there\"}"));
      assertThat(chunks.get(chunks.size() - 1).at("/choices/0/finish_reason").asText())
          .isEqualTo("tool_calls");
    }
  }

  @Test
  void ollama_answers_a_tool_call_with_object_arguments_and_a_tool_result_in_text()
      throws Exception {
    try (FakeOllamaServer server = new FakeOllamaServer().start()) {
      String tools = "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"search\"}}]";
      String call =
          "{\"model\":\"echo\",\"stream\":false,"
              + tools
              + ",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
      String result =
          "{\"model\":\"echo\",\"stream\":false,"
              + tools
              + ",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"},"
              + "{\"role\":\"tool\",\"content\":\"42\"}]}";

      JsonNode called = JSON.readTree(post(server.baseUrl() + "/api/chat", call).body());
      JsonNode answered = JSON.readTree(post(server.baseUrl() + "/api/chat", result).body());

      JsonNode toolCall = called.at("/message/tool_calls/0");
      assertThat(toolCall.has("id")).isFalse();
      assertThat(toolCall.at("/function/name").asText()).isEqualTo("search");
      assertThat(toolCall.at("/function/arguments")).isEqualTo(JSON.readTree("{\"query\":\"hi\"}"));
      assertThat(called.path("done_reason").asText()).isEqualTo("stop");
      assertThat(answered.at("/message/content").asText()).isEqualTo("tool said: 42");
    }
  }

  @Test
  void json_is_answered_when_asked_for_by_response_format_or_format() throws Exception {
    try (FakeOpenAiServer openAi = new FakeOpenAiServer().start();
        FakeOllamaServer ollama = new FakeOllamaServer().start()) {
      String messages = "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]";
      JsonNode fromOpenAi =
          JSON.readTree(
              post(
                      openAi.baseUrl() + "/chat/completions",
                      "{\"model\":\"echo\",\"response_format\":{\"type\":\"json_object\"},"
                          + messages
                          + "}")
                  .body());
      JsonNode fromOllama =
          JSON.readTree(
              post(
                      ollama.baseUrl() + "/api/chat",
                      "{\"model\":\"echo\",\"stream\":false,\"format\":{\"type\":\"object\"},"
                          + messages
                          + "}")
                  .body());

      JsonNode expected = JSON.readTree("{\"answer\":\"hi\"}");
      assertThat(JSON.readTree(fromOpenAi.at("/choices/0/message/content").asText()))
          .isEqualTo(expected);
      assertThat(JSON.readTree(fromOllama.at("/message/content").asText())).isEqualTo(expected);
    }
  }

  private List<String> psNames(FakeOllamaServer server) throws Exception {
    return JSON.readTree(get(server.baseUrl() + "/api/ps").body())
        .path("models")
        .findValuesAsText("name");
  }

  private HttpResponse<String> post(String url, String body) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(url))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> get(String url) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
  }
}
