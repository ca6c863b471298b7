package dev.coracle.api;

import static dev.coracle.api.HttpCalls.chat;
import static dev.coracle.api.HttpCalls.json;
import static dev.coracle.api.HttpCalls.post;
import static dev.coracle.api.HttpCalls.sseData;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.coracle.fakes.FakeOpenAiServer;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The semantic cache and the local embeddings endpoint, over real HTTP. */
class CacheAndEmbeddingsIT {
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
                "providers:\n" + CoracleUnderTest.openAiProvider("fake", cloud.baseUrl(), "echo")));
  }

  @AfterAll
  static void stop() {
    coracle.close();
    cloud.close();
  }

  private String url() {
    return coracle.baseUrl() + "/v1/chat/completions";
  }

  private int upstreamCalls() {
    return cloud.requests("/v1/chat/completions").size();
  }

  @Test
  void paraphrase_is_a_cache_hit_and_a_different_question_is_not() {
    HttpResponse<String> first =
        post(url(), chat("coracle", "How do I reverse a list in Python?", ""));
    int afterFirst = upstreamCalls();
    HttpResponse<String> paraphrase =
        post(url(), chat("coracle", "how can I reverse a python list", ""));
    HttpResponse<String> different =
        post(url(), chat("coracle", "How do I sort a dict by value in Python?", ""));

    assertThat(first.headers().firstValue("x-coracle-cache")).contains("miss");
    assertThat(paraphrase.statusCode()).isEqualTo(200);
    assertThat(paraphrase.headers().firstValue("x-coracle-cache")).contains("hit");
    assertThat(json(paraphrase).at("/choices/0/message/content").asText())
        .isEqualTo(json(first).at("/choices/0/message/content").asText());
    assertThat(different.headers().firstValue("x-coracle-cache")).contains("miss");
    assertThat(json(different).at("/choices/0/message/content").asText())
        .isEqualTo("echo: How do I sort a dict by value in Python?");
    assertThat(upstreamCalls()).isEqualTo(afterFirst + 1);
  }

  @Test
  void cache_hit_is_served_as_a_stream_too() {
    post(url(), chat("coracle", "What does the yield keyword do in Python?", ""));
    HttpResponse<String> streamed =
        post(
            url(), chat("coracle", "what does the yield keyword do in python", "\"stream\": true"));

    assertThat(streamed.headers().firstValue("x-coracle-cache")).contains("hit");
    StringBuilder text = new StringBuilder();
    for (String data : sseData(streamed.body())) {
      if (!data.equals("[DONE]")) {
        text.append(HttpCalls.parse(data).at("/choices/0/delta/content").asText(""));
      }
    }
    assertThat(text.toString()).isEqualTo("echo: What does the yield keyword do in Python?");
  }

  @Test
  void no_cache_header_bypasses_the_cache() {
    String body = chat("coracle", "Explain Rust lifetimes in one line", "");
    post(url(), body);
    int before = upstreamCalls();
    HttpResponse<String> bypassed = post(url(), body, "Cache-Control", "no-cache");

    assertThat(bypassed.headers().firstValue("x-coracle-cache")).contains("miss");
    assertThat(upstreamCalls()).isEqualTo(before + 1);
  }

  @Test
  void high_temperature_is_never_served_from_the_cache() {
    String body = chat("coracle", "Write a haiku about the sea", "\"temperature\": 1.2");
    post(url(), body);
    HttpResponse<String> again = post(url(), body);

    assertThat(again.headers().firstValue("x-coracle-cache")).contains("miss");
  }

  @Test
  void cache_counts_are_visible_over_the_api() {
    post(url(), chat("coracle", "What is a closure in JavaScript?", ""));
    post(url(), chat("coracle", "what is a closure in javascript", ""));

    JsonNode stats = json(HttpCalls.get(coracle.baseUrl() + "/api/cache"));
    assertThat(stats.path("enabled").asBoolean()).isTrue();
    assertThat(stats.path("hits").asLong()).isPositive();
    assertThat(stats.path("misses").asLong()).isPositive();
    assertThat(stats.path("entries").asLong()).isPositive();
    assertThat(stats.path("similarity").asDouble()).isEqualTo(0.80);
  }

  @Test
  void embeddings_come_back_in_openai_format_for_a_string_and_an_array() {
    HttpResponse<String> one =
        post(
            coracle.baseUrl() + "/v1/embeddings",
            "{\"model\":\"coracle-embed\",\"input\":\"hello\"}");
    HttpResponse<String> many =
        post(
            coracle.baseUrl() + "/v1/embeddings",
            "{\"model\":\"coracle-embed\",\"input\":[\"reverse a list\",\"reverse a python list\",\"bake bread\"]}");

    assertThat(one.statusCode()).as(one.body()).isEqualTo(200);
    assertThat(json(one).path("object").asText()).isEqualTo("list");
    assertThat(json(one).at("/data/0/embedding").size()).isEqualTo(384);
    assertThat(json(one).path("model").asText()).isEqualTo("coracle-embed");
    assertThat(json(one).at("/usage/prompt_tokens").asInt()).isPositive();
    JsonNode data = json(many).path("data");
    assertThat(data).hasSize(3);
    assertThat(data.get(2).path("index").asInt()).isEqualTo(2);
    double near = dot(data.get(0).path("embedding"), data.get(1).path("embedding"));
    double far = dot(data.get(0).path("embedding"), data.get(2).path("embedding"));
    assertThat(near).as("similar texts are close").isGreaterThan(far + 0.3);
  }

  @Test
  void base64_embeddings_decode_to_the_same_vector() {
    String text = "{\"model\":\"coracle-embed\",\"input\":\"same text\"%s}";
    JsonNode floats = json(post(coracle.baseUrl() + "/v1/embeddings", text.formatted("")));
    JsonNode base64 =
        json(
            post(
                coracle.baseUrl() + "/v1/embeddings",
                text.formatted(",\"encoding_format\":\"base64\"")));

    ByteBuffer bytes =
        ByteBuffer.wrap(Base64.getDecoder().decode(base64.at("/data/0/embedding").asText()))
            .order(ByteOrder.LITTLE_ENDIAN);
    assertThat(bytes.remaining()).isEqualTo(384 * 4);
    assertThat((double) bytes.getFloat(0))
        .isCloseTo(
            floats.at("/data/0/embedding/0").asDouble(), org.assertj.core.data.Offset.offset(1e-6));
  }

  @Test
  void embeddings_with_an_unknown_model_or_bad_input_are_openai_errors() {
    HttpResponse<String> unknown =
        post(
            coracle.baseUrl() + "/v1/embeddings",
            "{\"model\":\"text-embedding-3-small\",\"input\":\"x\"}");
    HttpResponse<String> tokens =
        post(
            coracle.baseUrl() + "/v1/embeddings",
            "{\"model\":\"coracle-embed\",\"input\":[[1,2,3]]}");
    HttpResponse<String> chatWithEmbedModel = post(url(), chat("coracle-embed", "hi", ""));

    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(json(unknown).at("/error/code").asText()).isEqualTo("model_not_found");
    assertThat(tokens.statusCode()).isEqualTo(400);
    assertThat(json(tokens).at("/error/param").asText()).isEqualTo("input[0]");
    assertThat(chatWithEmbedModel.statusCode()).isEqualTo(400);
  }

  private static double dot(JsonNode a, JsonNode b) {
    double sum = 0;
    for (int i = 0; i < a.size(); i++) {
      sum += a.get(i).asDouble() * b.get(i).asDouble();
    }
    return sum;
  }
}
