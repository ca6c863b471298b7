package dev.coracle.api;

import static dev.coracle.api.HttpCalls.json;
import static dev.coracle.api.HttpCalls.post;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.coracle.fakes.FakeOpenAiServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Bad input gets OpenAI's error shape with the right status, never a stack trace. */
class OpenAiErrorsIT {
  @TempDir static Path home;
  static FakeOpenAiServer cloud;
  static CoracleUnderTest coracle;

  @BeforeAll
  static void start() {
    cloud = new FakeOpenAiServer().start();
    String yaml =
        CoracleUnderTest.cloudOnly(
            "server:\n  max-request-bytes: 65536\nproviders:\n"
                + CoracleUnderTest.openAiProvider("fake", cloud.baseUrl(), "echo"));
    coracle = CoracleUnderTest.start(home, yaml);
  }

  @AfterAll
  static void stop() {
    coracle.close();
    cloud.close();
  }

  private String url() {
    return coracle.baseUrl() + "/v1/chat/completions";
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        "malformed JSON | {\"model\": \"coracle\", | | invalid_json",
        "JSON that is not an object | [1,2] | |",
        "missing model | {\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]} | model |",
        "model of the wrong type | {\"model\":7,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]} | model |",
        "missing messages | {\"model\":\"coracle\"} | messages |",
        "empty messages | {\"model\":\"coracle\",\"messages\":[]} | messages |",
        "messages not an array | {\"model\":\"coracle\",\"messages\":\"hi\"} | messages |",
        "unknown role | {\"model\":\"coracle\",\"messages\":[{\"role\":\"wizard\",\"content\":\"hi\"}]} | messages[0].role | invalid_value",
        "user without content | {\"model\":\"coracle\",\"messages\":[{\"role\":\"user\"}]} | messages[0].content |",
        "temperature as text | {\"model\":\"coracle\",\"temperature\":\"hot\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]} | temperature |",
        "temperature out of range | {\"model\":\"coracle\",\"temperature\":5,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]} | temperature | invalid_value",
        "max_tokens as a fraction | {\"model\":\"coracle\",\"max_tokens\":1.5,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]} | max_tokens |",
        "stream as a string | {\"model\":\"coracle\",\"stream\":\"yes\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]} | stream |",
        "image content part | {\"model\":\"coracle\",\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"image_url\",\"image_url\":{\"url\":\"x\"}}]}]} | messages[0].content[0] | invalid_value",
      })
  void bad_request_is_a_400_in_openai_shape_naming_the_parameter(
      String name, String body, String param, String code) {
    HttpResponse<String> response = post(url(), body);

    assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
    assertOpenAiError(response, "invalid_request_error");
    JsonNode error = json(response).path("error");
    if (param != null) {
      assertThat(error.path("param").asText()).isEqualTo(param);
    }
    if (code != null) {
      assertThat(error.path("code").asText()).isEqualTo(code);
    }
    assertThat(cloud.requests()).as("bad input never reaches a model").isEmpty();
  }

  @Test
  void empty_body_is_a_400() {
    HttpResponse<String> response = post(url(), "");

    assertThat(response.statusCode()).isEqualTo(400);
    assertOpenAiError(response, "invalid_request_error");
  }

  @Test
  void unknown_model_is_a_404_model_not_found() {
    HttpResponse<String> response = post(url(), HttpCalls.chat("no-such-model-17", "hello", ""));

    assertThat(response.statusCode()).isEqualTo(404);
    assertOpenAiError(response, "invalid_request_error");
    assertThat(json(response).at("/error/code").asText()).isEqualTo("model_not_found");
    assertThat(json(response).at("/error/param").asText()).isEqualTo("model");
  }

  @Test
  void body_over_the_configured_limit_is_a_413() {
    String big = "x".repeat(100_000);
    HttpResponse<String> response = post(url(), HttpCalls.chat("coracle", big, ""));

    assertThat(response.statusCode()).isEqualTo(413);
    assertOpenAiError(response, "invalid_request_error");
    assertThat(json(response).at("/error/code").asText()).isEqualTo("request_too_large");
  }

  @Test
  void unknown_route_is_a_404_in_openai_shape() {
    HttpResponse<String> response = HttpCalls.get(coracle.baseUrl() + "/v1/nothing-here");

    assertThat(response.statusCode()).isEqualTo(404);
    assertOpenAiError(response, "invalid_request_error");
  }

  @Test
  void wrong_method_is_a_405_in_openai_shape() throws Exception {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(url())).DELETE().build(),
                HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(405);
    assertOpenAiError(response, "invalid_request_error");
  }

  @Test
  void unknown_model_in_retrieve_is_a_404() {
    HttpResponse<String> response = HttpCalls.get(coracle.baseUrl() + "/v1/models/nope/nope");

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(json(response).at("/error/code").asText()).isEqualTo("model_not_found");
  }

  @Test
  void no_provider_able_to_serve_is_a_503_saying_why(@TempDir Path otherHome) {
    // Ollama on a closed port and a remote provider whose key is not set.
    String yaml =
        """
        local:
          ollama:
            base-url: "http://127.0.0.1:9"
        providers:
          - name: groq
            kind: openai-compatible
            base-url: "https://api.groq.com/openai/v1"
            api-key: "${GROQ_API_KEY}"
            models: ["llama-3.3-70b-versatile"]
        """;
    try (CoracleUnderTest lonely = CoracleUnderTest.start(otherHome, yaml, Map.of())) {
      HttpResponse<String> response =
          post(lonely.baseUrl() + "/v1/chat/completions", HttpCalls.chat("coracle", "hi", ""));

      assertThat(response.statusCode()).isEqualTo(503);
      assertOpenAiError(response, "service_unavailable");
      String message = json(response).at("/error/message").asText();
      assertThat(message).contains("ollama: not reachable at http://127.0.0.1:9");
      assertThat(message).contains("GROQ_API_KEY is not set");
    }
  }

  private static void assertOpenAiError(HttpResponse<String> response, String type) {
    assertThat(response.headers().firstValue("content-type").orElse(""))
        .startsWith("application/json");
    JsonNode error = json(response).path("error");
    assertThat(error.isObject()).as(response.body()).isTrue();
    assertThat(error.path("type").asText()).isEqualTo(type);
    assertThat(error.path("message").asText()).isNotBlank();
    assertThat(error.has("param")).as("param is always present").isTrue();
    assertThat(error.has("code")).as("code is always present").isTrue();
    assertThat(response.body()).doesNotContain("Exception").doesNotContain("\tat ");
  }
}
