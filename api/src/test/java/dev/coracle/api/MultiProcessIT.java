package dev.coracle.api;

import static dev.coracle.api.HttpCalls.chat;
import static dev.coracle.api.HttpCalls.json;
import static dev.coracle.api.HttpCalls.post;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.coracle.activities.store.TestPostgres;
import dev.coracle.fakes.FakeOllamaServer;
import dev.coracle.fakes.FakeOpenAiServer;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * coracle past one process: {@code coracle temporal}, one {@code coracle api} and two {@code
 * coracle worker} processes with the same host id, all on one store. Chats and jobs complete; the
 * single LLM slot holds across both workers; a provider's per-minute limit holds across both; and a
 * {@code kill -9} of the worker that runs a job's step hands the step to the other worker without
 * running a finished step again.
 *
 * <p>The store is a real PostgreSQL server that the test starts ({@link TestPostgres}), as it would
 * be for processes on several machines; {@code -Dcoracle.it.store=sqlite} runs the same test on one
 * shared SQLite file instead (WAL; processes on one machine may share it). Every process gets the
 * store as {@code --store}, and PostgreSQL's credentials from the environment.
 */
class MultiProcessIT {
  /** Switching the whole test to the SQLite store is this one value. */
  private static final boolean ON_SQLITE =
      "sqlite".equals(System.getProperty("coracle.it.store", "postgresql"));

  private static final String HOST_ID = "it-desktop";

  /** The limited provider's requests per minute. */
  private static final int N = 3;

  @TempDir Path temp;

  private final FakeOllamaServer ollama = new FakeOllamaServer().start();
  private final FakeOpenAiServer cloud = new FakeOpenAiServer().start();
  private final FakeOpenAiServer limited = new FakeOpenAiServer().start();
  private final FakeOpenAiServer spare = new FakeOpenAiServer().start();
  private final List<CoracleProcess> processes = new ArrayList<>();

  @AfterEach
  void stop() {
    processes.forEach(CoracleProcess::close);
    ollama.close();
    cloud.close();
    limited.close();
    spare.close();
  }

  @Test
  void api_and_two_workers_of_one_host_share_jobs_chats_the_slot_and_the_quota() throws Exception {
    ollama.setGenerationDelay(Duration.ofMillis(20));
    // -Dcoracle.it.logs=DIR keeps the processes' output after the run.
    Path logs =
        Files.createDirectories(
            Path.of(System.getProperty("coracle.it.logs", temp.resolve("logs").toString())));
    String store =
        ON_SQLITE
            ? "jdbc:sqlite:" + temp.resolve("shared").resolve("coracle.db")
            : TestPostgres.server().url(TestPostgres.server().emptyDatabase("multiprocess"));
    Files.createDirectories(temp.resolve("shared"));

    int temporalPort = CoracleProcess.freePort();
    CoracleProcess temporal =
        launch("temporal", "temporal-home", logs, "--port", Integer.toString(temporalPort));
    temporal.awaitOutput("coracle temporal ready", Duration.ofSeconds(60));
    String target = "127.0.0.1:" + temporalPort;
    String[] connection = {"--temporal", target, "--store", store};

    CoracleProcess first = launchWorker("worker-a", logs, connection);
    String firstSummary = first.awaitOutput("coracle worker ready", Duration.ofSeconds(90));
    CoracleProcess second = launchWorker("worker-b", logs, connection);
    CoracleProcess api = launch("api", "api-home", logs, connection);
    String secondSummary = second.awaitOutput("coracle worker ready", Duration.ofSeconds(90));
    api.awaitReady(Duration.ofSeconds(90));
    assertThat(firstSummary).contains("coracle-llm@" + HOST_ID + ", polled here");
    assertThat(secondSummary).contains("standing by");
    assertThat(api.stdoutText()).contains("coracle api ready", "workers", target);

    chatsAndJobsComplete(api);
    quotaHoldsAcrossWorkers(api);
    killedWorkerHandsTheStepOver(api, first);

    assertThat(ollama.maxConcurrentGenerations())
        .as("generations in flight at once at the local model, over both workers")
        .isEqualTo(1);
  }

  /** 20 concurrent chats on the local model and two jobs, all at once. */
  private void chatsAndJobsComplete(CoracleProcess api) throws Exception {
    List<String> jobs = new ArrayList<>();
    for (String name : List.of("one", "two")) {
      Path workspace = Files.createDirectories(temp.resolve("ws-" + name));
      jobs.add(startJob(api, "Create " + name + "-a.txt and " + name + "-b.txt", workspace));
    }
    List<HttpResponse<String>> chats = concurrentChats(api, "ollama/job", "question ", 20);
    for (int i = 0; i < chats.size(); i++) {
      HttpResponse<String> response = chats.get(i);
      assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
      assertThat(json(response).at("/choices/0/message/content").asText())
          .isEqualTo("echo: question " + i);
    }
    // A stream's tokens arise in a worker, not in the API's process: the answer still arrives.
    HttpResponse<String> streamed =
        post(
            api.baseUrl() + "/v1/chat/completions",
            chat("ollama/job", "streamed question", "\"stream\": true"));
    assertThat(streamed.statusCode()).as(streamed.body()).isEqualTo(200);
    StringBuilder text = new StringBuilder();
    HttpCalls.sseData(streamed.body()).stream()
        .filter(data -> !"[DONE]".equals(data))
        .map(HttpCalls::parse)
        .forEach(chunk -> text.append(chunk.at("/choices/0/delta/content").asText("")));
    assertThat(text.toString()).isEqualTo("echo: streamed question");
    for (String id : jobs) {
      JsonNode done =
          JobFixtures.awaitJob(
              api.baseUrl(), id, Duration.ofSeconds(90), JobFixtures.status("done"));
      assertThat(done.path("steps")).hasSize(2);
    }
    assertThat(temp.resolve("ws-one").resolve("one-b.txt")).exists();
    assertThat(temp.resolve("ws-two").resolve("two-a.txt")).exists();
  }

  /**
   * 3N concurrent requests whose first choice allows N a minute: exactly N reach it, whichever
   * worker took them, and the rest fall back.
   */
  private void quotaHoldsAcrossWorkers(CoracleProcess api) throws Exception {
    awaitRoomInTheMinute();
    List<String> models = new ArrayList<>();
    for (HttpResponse<String> response :
        concurrentChats(api, "coracle-fast", "quota question ", 3 * N)) {
      assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
      models.add(json(response).path("model").asText());
    }
    assertThat(limited.requests("/v1/chat/completions")).hasSize(N);
    // The spare has no limit, so the ledger does not stop a second attempt there: a plain cloud
    // call is a local activity, which runs again when its workflow task is retried (a loaded
    // machine can time one out). The limited provider is held to N by the ledger whatever retries.
    assertThat(spare.requests("/v1/chat/completions")).hasSizeGreaterThanOrEqualTo(2 * N);
    assertThat(models).hasSize(3 * N);
  }

  /**
   * Waits for a fresh minute when less than half of the current one is left: the limit is per
   * calendar minute, and a burst that straddles two minutes may rightly spend N in each.
   */
  private static void awaitRoomInTheMinute() throws InterruptedException {
    java.time.LocalTime now = java.time.LocalTime.now(java.time.ZoneOffset.UTC);
    if (now.getSecond() >= 30) {
      Thread.sleep((61 - now.getSecond()) * 1000L);
    }
  }

  /**
   * {@code kill -9} of the worker that holds the slot while step 2's coder call runs there: the
   * other worker takes the slot, the call is retried there, step 1 never runs again and the events
   * have no gap.
   */
  private void killedWorkerHandsTheStepOver(CoracleProcess api, CoracleProcess holder)
      throws Exception {
    Path workspace = Files.createDirectories(temp.resolve("ws-kill"));
    String id = startJob(api, "Create k1.txt, k2.txt and k3.txt", workspace);
    JobFixtures.awaitJob(api.baseUrl(), id, Duration.ofSeconds(60), JobFixtures.stepDone(1));
    // Step 2's coder call now takes a while in the fake: long enough to kill its worker.
    ollama.setGenerationDelay(Duration.ofSeconds(6));
    awaitCoderRequest(2, "k2.txt");
    int step1Requests = coderRequests(1, "k1.txt");
    assertThat(step1Requests).isPositive();

    holder.process.destroyForcibly(); // SIGKILL: no drain, no lock released by hand.
    holder.awaitExit(Duration.ofSeconds(20));
    ollama.setGenerationDelay(Duration.ZERO);

    JsonNode done =
        JobFixtures.awaitJob(
            api.baseUrl(), id, Duration.ofSeconds(120), JobFixtures.status("done"));
    assertThat(coderRequests(1, "k1.txt")).as("step 1 ran again").isEqualTo(step1Requests);
    assertThat(done.path("steps")).hasSize(3);
    done.path("steps")
        .forEach(
            step -> assertThat(step.path("status").asText()).as(step.toString()).isEqualTo("done"));
    for (String file : List.of("k1.txt", "k2.txt", "k3.txt")) {
      assertThat(workspace.resolve(file)).exists();
    }
    List<JsonNode> events = JobFixtures.events(api.baseUrl(), id);
    for (int i = 0; i < events.size(); i++) {
      assertThat(events.get(i).path("seq").asLong()).as("event %d", i).isEqualTo(i + 1);
    }
    List<String> types = events.stream().map(e -> e.path("type").asText()).toList();
    assertThat(types.stream().filter("step-done"::equals)).hasSize(3);
    assertThat(types.get(types.size() - 1)).isEqualTo("done");
  }

  /** {@code count} chats sent at once, each on its own thread; their responses in order. */
  private static List<HttpResponse<String>> concurrentChats(
      CoracleProcess api, String model, String prefix, int count) {
    ExecutorService clients = Executors.newFixedThreadPool(count);
    try {
      List<CompletableFuture<HttpResponse<String>>> calls =
          IntStream.range(0, count)
              .mapToObj(
                  i ->
                      CompletableFuture.supplyAsync(
                          () ->
                              post(
                                  api.baseUrl() + "/v1/chat/completions",
                                  chat(model, prefix + i, "")),
                          clients))
              .toList();
      return calls.stream().map(CompletableFuture::join).toList();
    } finally {
      clients.shutdownNow();
    }
  }

  private String startJob(CoracleProcess api, String request, Path workspace) {
    HttpResponse<String> created =
        post(api.baseUrl() + "/api/jobs", JobFixtures.jobBody(request, workspace.toString()));
    assertThat(created.statusCode()).as(created.body()).isEqualTo(202);
    return json(created).path("id").asText();
  }

  private void awaitCoderRequest(int step, String file) {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline) {
      if (coderRequests(step, file) > 0) {
        return;
      }
      JobFixtures.sleep(20);
    }
    throw new AssertionError("step " + step + " never reached the coder");
  }

  /** Coder requests of step {@code step} of the job that writes {@code file} in that step. */
  private int coderRequests(int step, String file) {
    return (int)
        JobFixtures.coderRequestsForStep(ollama, step).stream()
            .filter(r -> r.body().path("messages").toString().contains(file))
            .count();
  }

  private CoracleProcess launchWorker(String name, Path logs, String... connection) {
    List<String> args = new ArrayList<>(List.of(connection));
    args.addAll(List.of("--host-id", HOST_ID));
    return launch("worker", name, logs, args.toArray(String[]::new));
  }

  private CoracleProcess launch(String role, String homeName, Path logs, String... args) {
    try {
      Path home = Files.createDirectories(temp.resolve(homeName));
      Files.writeString(home.resolve("coracle.yml"), config());
      Map<String, String> env = new HashMap<>();
      // The workers of one host share the lock directory of its LLM slot.
      env.put("CORACLE_WORKER_SLOT_LOCK_DIR", temp.resolve("locks").toString());
      env.put("CORACLE_STORE_USERNAME", TestPostgres.USERNAME);
      env.put("CORACLE_STORE_PASSWORD", TestPostgres.PASSWORD);
      CoracleProcess process = CoracleProcess.launchRole(role, home, logs, env, args);
      processes.add(process);
      return process;
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /**
   * Jobs on the fake local model with a cloud planner; quick answers first from a provider allowed
   * N requests a minute, then from a spare one. The local idle timeout is short, so a killed
   * worker's call is noticed (heartbeat timeout: idle + 30 s) well within the test.
   */
  private String config() {
    return """
        local:
          ollama:
            base-url: "%s"
            reasoning-model: "job"
            coder-model: "job"
            timeout-seconds: 10
            min-free-ram-mb: 0
        providers:
        %s%s
            limits:
              "*":
                requests-per-minute: %d
        %s
        routing:
          fast: ["limited/limited", "spare/spare"]
        cache:
          enabled: false
        jobs:
          from-chat: false
        """
        .formatted(
            ollama.baseUrl(),
            CoracleUnderTest.openAiProvider("cloud", cloud.baseUrl(), "job"),
            CoracleUnderTest.openAiProvider("limited", limited.baseUrl(), "limited")
                .stripTrailing(),
            N,
            CoracleUnderTest.openAiProvider("spare", spare.baseUrl(), "spare"));
  }
}
