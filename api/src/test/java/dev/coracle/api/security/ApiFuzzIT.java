package dev.coracle.api.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coracle.api.CoracleUnderTest;
import dev.coracle.api.HttpCalls;
import dev.coracle.api.JobFixtures;
import dev.coracle.fakes.FakeOllamaServer;
import dev.coracle.fakes.FakeOpenAiServer;
import io.micronaut.web.router.Router;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Thousands of malformed and edge-case requests to every route of a real coracle over real HTTP:
 * none may get a 5xx, a stack trace or an error outside its door's shape, none that is refused may
 * leave a row in the store, and the server must still answer a normal chat afterwards.
 *
 * <p>System properties: {@code coracle.fuzz.requests} (default 3000), {@code coracle.fuzz.seed},
 * {@code coracle.fuzz.from} (the first request index; with requests=1 it replays one request).
 * {@code deploy/bench/fuzz.sh N} runs a longer campaign through this test.
 */
class ApiFuzzIT {
  static final int MAX_REQUEST_BYTES = 65_536;

  @TempDir static Path home;
  @TempDir static Path workspace;
  static FakeOllamaServer ollama;
  static FakeOpenAiServer cloud;
  static CoracleUnderTest coracle;

  @BeforeAll
  static void start() {
    ollama = new FakeOllamaServer().start();
    cloud = new FakeOpenAiServer().start();
    String yaml =
        JobFixtures.config(ollama, cloud)
            + """
            server:
              max-request-bytes: %d
            """
                .formatted(MAX_REQUEST_BYTES);
    coracle = CoracleUnderTest.start(home, yaml);
    // The classifier is built in the background after start-up; a chat that came first would wait
    // for it inside a workflow. Asking it once waits here instead.
    HttpCalls.post(coracle.url("/api/classify"), "{\"text\":\"warm up\"}");
  }

  @AfterAll
  static void stop() {
    coracle.close();
    cloud.close();
    ollama.close();
  }

  @Test
  void fuzzed_requests_get_no_5xx_no_stack_trace_errors_in_shape_and_no_rows() throws IOException {
    long seed = Long.getLong("coracle.fuzz.seed", 20_261_204L);
    int requests = Integer.getInteger("coracle.fuzz.requests", 3000);
    int from = Integer.getInteger("coracle.fuzz.from", 0);
    // The dashboard's disable switch does what it is for when a fuzzed name is "cloud": every later
    // chat then rightly answers 503 no_provider. DashboardSessionIT covers that route.
    List<FuzzRoute> routes =
        FuzzRoute.of(coracle.bean(Router.class)).stream()
            .filter(route -> !route.toString().equals("POST /dashboard/providers/{name}/disable"))
            .toList();
    assertThat(routes)
        .extracting(FuzzRoute::toString)
        .contains(
            "POST /v1/chat/completions",
            "POST /v1/embeddings",
            "POST /v1/responses",
            "POST /v1/messages",
            "POST /api/jobs",
            "POST /mcp",
            "GET /metrics");

    FuzzCampaign.Report report;
    try (StoreRows store = new StoreRows(coracle.server().loaded().databaseFile())) {
      FuzzGenerator generator =
          new FuzzGenerator(
              seed,
              routes,
              new SampleBodies(workspace.toString()),
              MAX_REQUEST_BYTES,
              store::jobIds,
              coracle.server().httpPort());
      report =
          new FuzzCampaign(coracle.baseUrl(), store, id -> awaitWorkflow(coracle, id))
              .run(seed, generator, from, requests);
    }
    String text =
        report.summary()
            + "\nroutes: "
            + routes
            + "\n"
            + String.join(
                "\n", report.problems().subList(0, Math.min(30, report.problems().size())));
    System.out.println(text);
    Files.writeString(Path.of("target", "fuzz-report.txt"), text + "\n");

    assertThat(report.problems()).as(text).isEmpty();
    assertThat(report.serverErrors()).isZero();
    if (requests >= 500) {
      // The campaign must reach past validation too, or it proves little.
      assertThat(report.statuses().getOrDefault(200, 0)).as(text).isGreaterThan(requests / 50);
      assertThat(report.rejected()).as(text).isGreaterThan(requests / 2);
    }
    HttpResponse<String> chat =
        HttpCalls.post(
            coracle.url("/v1/chat/completions"), HttpCalls.chat("cloud/job", "still there?", ""));
    assertThat(chat.statusCode()).as(chat.body()).isEqualTo(200);
    assertThat(HttpCalls.json(chat).at("/choices/0/message/content").asText()).isNotBlank();
  }

  /**
   * Waits, up to 30 s, for a workflow to finish, however it ends, and then for the writes its
   * answer queued after it was sent (the cache entry, the audit row), so that they cannot land
   * while a later request is being judged.
   */
  private static void awaitWorkflow(CoracleUnderTest coracle, String workflowId) {
    try {
      coracle
          .server()
          .temporal()
          .clientFor(workflowId)
          .newUntypedWorkflowStub(workflowId)
          .getResult(30, java.util.concurrent.TimeUnit.SECONDS, Object.class);
    } catch (RuntimeException | java.util.concurrent.TimeoutException ended) {
      // A failed or timed-out workflow has finished writing too; the check that follows decides.
    }
    coracle.bean(dev.coracle.activities.store.AfterAnswerWrites.class).awaitWritten();
  }
}
