package dev.coracle.api;

import static dev.coracle.api.HttpCalls.chat;
import static dev.coracle.api.HttpCalls.json;
import static dev.coracle.api.HttpCalls.post;
import static dev.coracle.api.HttpCalls.quote;
import static org.assertj.core.api.Assertions.assertThat;

import dev.coracle.fakes.FakeOpenAiServer;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The semantic cache on every door: a paraphrase is served the earlier answer, a near-miss is not,
 * and a Responses or Messages request that offered tools (even ones the door drops) is never served
 * from the cache.
 */
class DoorCacheIT {
  static final String[] CLAUDE_HEADERS = {
    "anthropic-version", "2023-06-01", "x-api-key", "any-key"
  };

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

  private static int upstreamCalls() {
    return cloud.requests("/v1/chat/completions").size();
  }

  private static HttpResponse<String> responses(String input, String tools) {
    String body =
        "{\"model\": \"coracle\", \"input\": "
            + quote(input)
            + (tools.isEmpty() ? "" : ", \"tools\": " + tools)
            + "}";
    return post(coracle.url("/v1/responses"), body);
  }

  private static HttpResponse<String> messages(String text, String tools) {
    String body =
        "{\"model\": \"coracle\", \"max_tokens\": 200, \"messages\": [{\"role\": \"user\","
            + " \"content\": "
            + quote(text)
            + "}]"
            + (tools.isEmpty() ? "" : ", \"tools\": " + tools)
            + "}";
    return post(coracle.url("/v1/messages"), body, CLAUDE_HEADERS);
  }

  private static String cache(HttpResponse<String> response) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return response.headers().firstValue("x-coracle-cache").orElse("");
  }

  @Test
  void a_case_and_contraction_paraphrase_hits_and_the_opposite_question_does_not() {
    String url = coracle.url("/v1/chat/completions");
    post(url, chat("coracle", "What is the capital city of France?", ""));
    HttpResponse<String> paraphrase =
        post(url, chat("coracle", "what's the capital city of france", ""));
    post(url, chat("coracle", "Which is faster, ArrayList or LinkedList?", ""));
    HttpResponse<String> opposite =
        post(url, chat("coracle", "which is slower, ArrayList or LinkedList?", ""));

    assertThat(cache(paraphrase)).isEqualTo("hit");
    assertThat(cache(opposite)).isEqualTo("miss");
    assertThat(json(opposite).at("/choices/0/message/content").asText())
        .isEqualTo("echo: which is slower, ArrayList or LinkedList?");
  }

  @Test
  void responses_without_tools_are_cached_like_chat_completions() {
    cache(responses("How do I delete a local branch in git?", ""));
    int before = upstreamCalls();
    HttpResponse<String> paraphrase = responses("how to delete a local git branch?", "");

    assertThat(cache(paraphrase)).isEqualTo("hit");
    assertThat(upstreamCalls()).isEqualTo(before);
  }

  @Test
  void responses_that_offered_a_hosted_tool_are_never_served_from_the_cache() {
    String webSearch = "[{\"type\": \"web_search\"}]";
    cache(responses("What is the newest Kotlin release?", webSearch));
    int before = upstreamCalls();
    HttpResponse<String> again = responses("What is the newest Kotlin release?", webSearch);

    assertThat(cache(again)).isEqualTo("miss");
    assertThat(upstreamCalls()).isEqualTo(before + 1);
  }

  @Test
  void messages_without_tools_are_cached_and_with_a_server_tool_are_not() {
    cache(messages("What does a load balancer do?", ""));
    HttpResponse<String> paraphrase = messages("what does a load balancer do", "");
    String webSearch = "[{\"type\": \"web_search_20250305\", \"name\": \"web_search\"}]";
    cache(messages("What does a reverse proxy do?", webSearch));
    int before = upstreamCalls();
    HttpResponse<String> withTool = messages("What does a reverse proxy do?", webSearch);

    assertThat(cache(paraphrase)).isEqualTo("hit");
    assertThat(cache(withTool)).isEqualTo("miss");
    assertThat(upstreamCalls()).isEqualTo(before + 1);
  }
}
