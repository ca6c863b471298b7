package dev.coracle.api;

import static dev.coracle.api.HttpCalls.get;
import static dev.coracle.api.HttpCalls.json;
import static dev.coracle.api.HttpCalls.post;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.coracle.fakes.FakeOllamaServer;
import dev.coracle.fakes.FakeOpenAiServer;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With jobs from chat on, only a sure deep or research request (or the explicit model) starts a
 * coding job: a trivia question is answered directly.
 */
class ChatJobRoutingIT {
  @TempDir static Path home;
  @TempDir static Path workspace;
  static FakeOllamaServer ollama;
  static FakeOpenAiServer cloud;
  static CoracleUnderTest coracle;

  @BeforeAll
  static void start() {
    ollama = new FakeOllamaServer().start();
    cloud = new FakeOpenAiServer().start();
    coracle =
        CoracleUnderTest.start(
            home,
            JobFixtures.config(ollama, cloud),
            Map.of("CORACLE_JOBS_FROM_CHAT", "true", "CORACLE_JOBS_CHAT_WAIT_SECONDS", "30"));
    // The classifier is built in the background; asking once waits for it here.
    post(coracle.url("/api/classify"), "{\"text\":\"warm up\"}");
  }

  @AfterAll
  static void stop() {
    coracle.close();
    ollama.close();
    cloud.close();
  }

  private static HttpResponse<String> chat(String model, String question) {
    return post(
        coracle.url("/v1/chat/completions"),
        HttpCalls.chat(model, question, ""),
        "x-coracle-workspace",
        workspace.toString());
  }

  @Test
  void trivia_questions_on_chat_are_answered_without_starting_a_job() {
    for (String trivia :
        new String[] {
          "what is the unix epoch", "what year was java released", "who invented the transistor?"
        }) {
      HttpResponse<String> answer = chat("coracle", trivia);

      assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
      assertThat(answer.headers().firstValue("x-coracle-job-id")).as(trivia).isEmpty();
      assertThat(answer.headers().firstValue("x-coracle-class")).as(trivia).contains("fast");
    }
    JsonNode jobs = json(get(coracle.url("/api/jobs")));
    assertThat(jobs.path("data")).isEmpty();
  }

  /**
   * The classifier alone calls these research with 0.89–0.95 confidence (they sit near exemplars
   * about free tiers and providers in general); the job gate sends them to the status store, so no
   * research job starts and no model is asked.
   */
  @Test
  void questions_about_coracles_own_quotas_and_providers_are_answered_from_the_status_store() {
    for (String question :
        new String[] {"r we out of free tier on anything", "which providers are down atm"}) {
      int cloudCallsBefore = cloud.requests().size();

      HttpResponse<String> answer = chat("coracle", question);

      assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
      assertThat(answer.headers().firstValue("x-coracle-job-id")).as(question).isEmpty();
      assertThat(answer.headers().firstValue("x-coracle-class")).as(question).contains("status");
      assertThat(cloud.requests()).as(question).hasSize(cloudCallsBefore);
    }
  }

  @Test
  void the_explicit_deep_model_starts_a_job_that_writes_the_file() {
    HttpResponse<String> answer = chat("coracle-deep", "Create routed.txt");

    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    String jobId = answer.headers().firstValue("x-coracle-job-id").orElseThrow();
    assertThat(JobFixtures.job(coracle.baseUrl(), jobId).path("status").asText()).isEqualTo("done");
    assertThat(workspace.resolve("routed.txt")).exists();
  }
}
