package dev.coracle.api.security;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Sends the generator's requests one after another to a running coracle and checks each answer
 * ({@link ResponseChecks}) and, for a refused request, that the store holds no new row. A request
 * that starts a job is followed by a wait until the job has ended, so that its writes are not taken
 * for those of the next request.
 */
final class FuzzCampaign {
  private static final Duration JOB_LIMIT = Duration.ofSeconds(60);

  /** The "status" counted for a connection closed without an answer. */
  static final int CLOSED = 0;

  private final String baseUrl;
  private final StoreRows store;
  private final HttpClient client =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  /**
   * Waits until the workflow an accepted request started has finished. A chat's answer is sent
   * before its bookkeeping (the cache store, audit rows) is written, so without this wait a row of
   * an earlier accepted chat could land while a later request is refused.
   */
  private final Consumer<String> awaitWorkflow;

  /** The workflow id the last answer named, or null. */
  private String lastWorkflowId;

  FuzzCampaign(String baseUrl, StoreRows store, Consumer<String> awaitWorkflow) {
    this.baseUrl = baseUrl;
    this.store = store;
    this.awaitWorkflow = awaitWorkflow;
  }

  /** What a run found. */
  record Report(
      long seed,
      int requests,
      Map<Integer, Integer> statuses,
      int serverErrors,
      int rejected,
      Duration duration,
      Map<String, Long> millisByRoute,
      List<String> problems) {

    String summary() {
      return String.format(
          "fuzz: seed %d, %d requests in %.1f s, statuses (0: connection closed) %s, 5xx %d,"
              + " refused %d, problems %d"
              + "%nmilliseconds by route: %s",
          seed,
          requests,
          duration.toMillis() / 1000.0,
          statuses,
          serverErrors,
          rejected,
          problems.size(),
          millisByRoute);
    }
  }

  Report run(long seed, FuzzGenerator generator, int from, int count) {
    Map<Integer, Integer> statuses = new TreeMap<>();
    Map<String, Long> millisByRoute = new TreeMap<>();
    List<String> problems = new ArrayList<>();
    int serverErrors = 0;
    int rejected = 0;
    long started = System.nanoTime();
    for (int index = from; index < from + count; index++) {
      FuzzRequest request = generator.request(index);
      String rowsBefore = store.counts();
      lastWorkflowId = null;
      long sent = System.nanoTime();
      ResponseChecks.Answer answer;
      try {
        answer = send(request);
      } catch (IOException | RuntimeException e) {
        if (request.notHttp() && e instanceof IOException) {
          statuses.merge(CLOSED, 1, Integer::sum);
        } else {
          problems.add(line(seed, index, request, List.of("no answer: " + e)));
        }
        continue;
      }
      statuses.merge(answer.status(), 1, Integer::sum);
      if (answer.status() >= 500) {
        serverErrors++;
      }
      List<String> found = new ArrayList<>(ResponseChecks.problems(request, answer));
      if (!ResponseChecks.rejected(request, answer) && lastWorkflowId != null) {
        awaitWorkflow.accept(lastWorkflowId);
      }
      if (ResponseChecks.rejected(request, answer)) {
        rejected++;
        String rowsAfter = store.counts();
        if (!rowsAfter.equals(rowsBefore)) {
          found.add("refused, yet the store changed: " + rowsBefore + " -> " + rowsAfter);
        }
      } else {
        awaitJobs().ifPresent(found::add);
      }
      millisByRoute.merge(request.route(), (System.nanoTime() - sent) / 1_000_000, Long::sum);
      if (!found.isEmpty()) {
        problems.add(
            line(seed, index, request, found)
                + "\n    answer "
                + answer.status()
                + ": "
                + ResponseChecks.abbreviate(answer.body()));
      }
    }
    return new Report(
        seed,
        count,
        statuses,
        serverErrors,
        rejected,
        Duration.ofNanos(System.nanoTime() - started),
        millisByRoute,
        problems);
  }

  private ResponseChecks.Answer send(FuzzRequest request) throws IOException {
    if (request.raw() != null) {
      RawHttp.Answer answer = RawHttp.send(URI.create(baseUrl).getPort(), request.raw());
      return new ResponseChecks.Answer(answer.status(), answer.contentType(), answer.body());
    }
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(URI.create(baseUrl + request.path()))
            .timeout(Duration.ofSeconds(60))
            .method(
                request.method(),
                request.body() == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(request.body()));
    request.headers().forEach(builder::header);
    try {
      HttpResponse<byte[]> response =
          client.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
      lastWorkflowId = response.headers().firstValue("x-coracle-workflow-id").orElse(null);
      return new ResponseChecks.Answer(
          response.statusCode(),
          response.headers().firstValue("content-type").orElse(null),
          new String(response.body(), StandardCharsets.UTF_8));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }

  /** Waits until no job is unfinished; a problem when one is still going after a minute. */
  private java.util.Optional<String> awaitJobs() {
    long deadline = System.nanoTime() + JOB_LIMIT.toNanos();
    while (store.unfinishedJobs() > 0) {
      if (System.nanoTime() > deadline) {
        return java.util.Optional.of("a job it started is still unfinished after " + JOB_LIMIT);
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return java.util.Optional.of("interrupted while waiting for a job");
      }
    }
    return java.util.Optional.empty();
  }

  /** One problem, with what reproduces it. */
  static String line(long seed, int index, FuzzRequest request, List<String> found) {
    return "#"
        + index
        + " "
        + String.join("; ", found)
        + "\n    request "
        + request
        + "\n    reproduce: -Dcoracle.fuzz.seed="
        + seed
        + " -Dcoracle.fuzz.from="
        + index
        + " -Dcoracle.fuzz.requests=1";
  }
}
