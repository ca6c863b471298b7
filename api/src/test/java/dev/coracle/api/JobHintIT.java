package dev.coracle.api;

import static dev.coracle.api.HttpCalls.get;
import static dev.coracle.api.HttpCalls.json;
import static dev.coracle.api.HttpCalls.parse;
import static dev.coracle.api.HttpCalls.post;
import static dev.coracle.api.HttpCalls.quote;
import static dev.coracle.api.HttpCalls.sseData;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.coracle.api.chat.JobHint;
import dev.coracle.fakes.FakeOllamaServer;
import dev.coracle.fakes.FakeOpenAiServer;
import dev.coracle.fakes.RecordedRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * When the job gate answers a would-be job directly, every door's answer, streamed or not, ends
 * with the line that says how to ask for a job; a sure answer has no such line; the local model's
 * vote never starts a job for an unsure prompt. The classifier votes on every verdict the gate
 * leaves standing ({@code vote-below-confidence: 1.0}), and the fake local model votes as the
 * prompt's {@code vote:} line says.
 */
class JobHintIT {
  @TempDir static Path home;
  @TempDir static Path workspace;
  static FakeOllamaServer ollama;
  static FakeOpenAiServer cloud;
  static CoracleUnderTest coracle;

  /** Asks for one line about work that reads like a job: the gate abstains. */
  private static final String ONE_LINE = "write a one-line commit message for the refactor of the";

  @BeforeAll
  static void start() {
    ollama = new FakeOllamaServer().start();
    cloud = new FakeOpenAiServer().start();
    coracle =
        CoracleUnderTest.start(
            home,
            JobFixtures.config(ollama, cloud)
                + "classifier:\n  llm-vote: true\n  vote-below-confidence: 1.0\n",
            Map.of("CORACLE_JOBS_FROM_CHAT", "true", "CORACLE_JOBS_CHAT_WAIT_SECONDS", "30"));
    post(coracle.url("/api/classify"), "{\"text\":\"warm up\"}");
  }

  @AfterAll
  static void stop() {
    coracle.close();
    ollama.close();
    cloud.close();
  }

  @Test
  void chat_completions_end_with_the_hint_when_the_gate_abstains_streamed_or_not() {
    String prompt = abstaining(ONE_LINE + " billing module");

    HttpResponse<String> plain = chat(prompt, "");
    HttpResponse<String> streamed = chat(abstaining("please " + prompt), "\"stream\": true");

    assertThat(plain.statusCode()).as(plain.body()).isEqualTo(200);
    assertThat(json(plain).at("/choices/0/message/content").asText())
        .startsWith("echo: ")
        .endsWith(JobHint.LINE);
    assertThat(plain.headers().firstValue("x-coracle-job-id")).isEmpty();
    StringBuilder text = new StringBuilder();
    for (String data : sseData(streamed.body())) {
      if (!data.equals("[DONE]")) {
        text.append(parse(data).at("/choices/0/delta/content").asText(""));
      }
    }
    assertThat(text.toString()).startsWith("echo: ").endsWith(JobHint.LINE);
    assertThat(jobs()).isEmpty();
  }

  @Test
  void the_responses_door_ends_with_the_hint_streamed_or_not() {
    String prompt = abstaining(ONE_LINE + " payments module");
    String body = "{\"model\": \"coracle\", \"input\": " + quote(prompt) + "%s}";

    HttpResponse<String> plain =
        post(coracle.url("/v1/responses"), body.formatted(""), workspace());
    HttpResponse<String> streamed =
        post(
            coracle.url("/v1/responses"),
            streamed(body, abstaining("please " + prompt)),
            workspace());

    assertThat(plain.statusCode()).as(plain.body()).isEqualTo(200);
    assertThat(json(plain).at("/output/0/content/0/text").asText()).endsWith(JobHint.LINE);
    StringBuilder text = new StringBuilder();
    for (String data : sseData(streamed.body())) {
      JsonNode event = parse(data);
      if (event.path("type").asText().equals("response.output_text.delta")) {
        text.append(event.path("delta").asText());
      }
    }
    assertThat(text.toString()).startsWith("echo: ").endsWith(JobHint.LINE);
    assertThat(jobs()).isEmpty();
  }

  @Test
  void the_messages_door_ends_with_the_hint_streamed_or_not() {
    String prompt = abstaining(ONE_LINE + " search module");
    String body =
        "{\"model\": \"coracle\", \"max_tokens\": 512, \"messages\": [{\"role\": \"user\","
            + " \"content\": "
            + quote(prompt)
            + "}]%s}";

    HttpResponse<String> plain =
        post(coracle.url("/v1/messages"), body.formatted(""), messagesHeaders());
    HttpResponse<String> streamed =
        post(
            coracle.url("/v1/messages"),
            streamed(body, abstaining("please " + prompt)),
            messagesHeaders());

    assertThat(plain.statusCode()).as(plain.body()).isEqualTo(200);
    assertThat(json(plain).at("/content/0/text").asText()).endsWith(JobHint.LINE);
    StringBuilder text = new StringBuilder();
    for (String data : sseData(streamed.body())) {
      JsonNode event = parse(data);
      if (event.at("/delta/type").asText().equals("text_delta")) {
        text.append(event.at("/delta/text").asText());
      }
    }
    assertThat(text.toString()).startsWith("echo: ").endsWith(JobHint.LINE);
    assertThat(jobs()).isEmpty();
  }

  @Test
  void a_sure_answer_has_no_hint() {
    HttpResponse<String> answer = chat("what is a monad?", "");

    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    assertThat(json(answer).at("/choices/0/message/content").asText())
        .isEqualTo("echo: what is a monad?");
  }

  @Test
  void the_local_models_vote_for_a_job_never_starts_one_for_an_unsure_prompt() {
    int votesBefore = votes();

    HttpResponse<String> answer = chat("what is a monad, in category theory?\nvote: deep 0.97", "");

    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    assertThat(votes()).as("the local model was asked to vote").isEqualTo(votesBefore + 1);
    assertThat(answer.headers().firstValue("x-coracle-class")).contains("fast");
    assertThat(answer.headers().firstValue("x-coracle-job-id")).isEmpty();
    assertThat(json(answer).at("/choices/0/message/content").asText()).endsWith(JobHint.LINE);
    assertThat(jobs()).isEmpty();
  }

  @Test
  void an_answer_from_the_cache_carries_the_hint_once() {
    String prompt = abstaining(ONE_LINE + " logging module");

    HttpResponse<String> first = chat(prompt, "");
    HttpResponse<String> again = chat(prompt, "");

    assertThat(again.headers().firstValue("x-coracle-cache")).contains("hit");
    String content = json(again).at("/choices/0/message/content").asText();
    assertThat(content).isEqualTo(json(first).at("/choices/0/message/content").asText());
    assertThat(content.indexOf(JobHint.LINE)).isEqualTo(content.lastIndexOf(JobHint.LINE));
  }

  /**
   * {@code prompt}, once the classifier is seen to abstain on it (else the test proves nothing).
   */
  private static String abstaining(String prompt) {
    JsonNode verdict =
        json(post(coracle.url("/api/classify"), "{\"text\": " + quote(prompt) + "}"));
    assertThat(verdict.path("tier").asText()).as(verdict.toString()).isEqualTo("abstained");
    return prompt;
  }

  /** The body for another prompt, streamed: a prompt of its own, so no cache answers it. */
  private static String streamed(String body, String prompt) {
    return body.replace(quote(prompt.substring("please ".length())), quote(prompt))
        .formatted(", \"stream\": true");
  }

  private static HttpResponse<String> chat(String prompt, String extra) {
    return post(
        coracle.url("/v1/chat/completions"), HttpCalls.chat("coracle", prompt, extra), workspace());
  }

  private static String[] workspace() {
    return new String[] {"x-coracle-workspace", workspace.toString()};
  }

  private static String[] messagesHeaders() {
    return new String[] {
      "anthropic-version", "2023-06-01", "x-coracle-workspace", workspace.toString()
    };
  }

  private static JsonNode jobs() {
    return json(get(coracle.url("/api/jobs"))).path("data");
  }

  /** The classification votes the fake local model has answered. */
  private static int votes() {
    List<RecordedRequest> calls = ollama.requests("/api/chat");
    return (int)
        calls.stream()
            .filter(call -> call.body().toString().contains("You route requests"))
            .count();
  }
}
