package dev.coracle.api;

import static dev.coracle.api.HttpCalls.get;
import static dev.coracle.api.HttpCalls.json;

import com.fasterxml.jackson.databind.JsonNode;
import dev.coracle.fakes.FakeOllamaServer;
import dev.coracle.fakes.FakeOpenAiServer;
import dev.coracle.fakes.RecordedRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;

/**
 * A coding-job setup over fake upstreams: the fake Ollama plays the local reasoning and coder
 * models, a fake OpenAI-compatible provider plays the cloud planner. Both answer as the {@code job}
 * model, by coracle's JSON schemas (see {@code FakeJobModel}).
 */
public final class JobFixtures {
  static final String JOB_MODEL = "job";

  private JobFixtures() {}

  /** coracle.yml for jobs: Ollama's models and a cloud planner, all {@code job}. */
  public static String config(FakeOllamaServer ollama, FakeOpenAiServer cloud) {
    return """
        local:
          ollama:
            base-url: "%s"
            reasoning-model: "job"
            coder-model: "job"
            timeout-seconds: 20
            min-free-ram-mb: 0
        providers:
        %s
        """
        .formatted(
            ollama.baseUrl(), CoracleUnderTest.openAiProvider("cloud", cloud.baseUrl(), "job"));
  }

  /** The chat body of a job request whose plan creates one step per named file. */
  public static String jobBody(String request, String workspace) {
    return """
        {"messages": [{"role": "user", "content": %s}], "workspace": %s}
        """
        .formatted(HttpCalls.quote(request), HttpCalls.quote(workspace));
  }

  public static JsonNode job(String baseUrl, String id) {
    HttpResponse<String> response = get(baseUrl + "/api/jobs/" + id);
    if (response.statusCode() != 200) {
      throw new AssertionError(
          "GET job " + id + ": " + response.statusCode() + " " + response.body());
    }
    return json(response);
  }

  /** Polls the job until {@code condition} holds. */
  public static JsonNode awaitJob(
      String baseUrl, String id, Duration limit, Predicate<JsonNode> condition) {
    long deadline = System.nanoTime() + limit.toNanos();
    JsonNode last = null;
    while (System.nanoTime() < deadline) {
      try {
        last = job(baseUrl, id);
        if (condition.test(last)) {
          return last;
        }
      } catch (RuntimeException notYet) {
        // The server may be restarting.
      }
      sleep(100);
    }
    throw new AssertionError("job " + id + " never reached the expected state; last: " + last);
  }

  static Predicate<JsonNode> status(String status) {
    return job -> status.equals(job.path("status").asText());
  }

  static Predicate<JsonNode> stepDone(int index) {
    return job -> "done".equals(job.path("steps").path(index - 1).path("status").asText());
  }

  /** The coder requests (tools offered) the fake received for step {@code index}. */
  static List<RecordedRequest> coderRequestsForStep(FakeOllamaServer ollama, int index) {
    String marker = "Your step (" + index + ")";
    return ollama.requests("/api/chat").stream()
        .filter(r -> r.body().path("tools").size() > 0)
        .filter(r -> r.body().path("messages").toString().contains(marker))
        .toList();
  }

  /** Every event of a job through the SSE endpoint, which ends after the terminal event. */
  static List<JsonNode> events(String baseUrl, String id, String... headers) {
    HttpResponse<String> response = get(baseUrl + "/api/jobs/" + id + "/events", headers);
    if (response.statusCode() != 200) {
      throw new AssertionError("events: " + response.statusCode() + " " + response.body());
    }
    return HttpCalls.sseData(response.body()).stream().map(HttpCalls::parse).toList();
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
