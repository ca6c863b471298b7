package dev.coracle.api.security;

import static dev.coracle.api.HttpCalls.get;
import static dev.coracle.api.HttpCalls.json;
import static dev.coracle.api.HttpCalls.post;
import static dev.coracle.api.HttpCalls.quote;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.coracle.api.CoracleUnderTest;
import dev.coracle.api.security.RawHttp.Answer;
import dev.coracle.api.security.Routes.Route;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The DNS-rebinding and cross-site requests a web page in the user's browser can make, sent as raw
 * HTTP to every route of a real coracle: each gets 403 in its route's error shape, and none starts
 * a job.
 */
class FrontDoorIT {
  private static final String EVIL_HOST = "evil.example";

  @TempDir static Path home;
  @TempDir static Path workspace;
  static CoracleUnderTest coracle;
  static int port;
  static String existingJob;
  static final List<String> acceptedJobs = new ArrayList<>();
  static List<Route> routes;

  @BeforeAll
  static void start() {
    coracle = CoracleUnderTest.start(home, CoracleUnderTest.cloudOnly(""));
    port = coracle.server().httpPort();
    HttpResponse<String> started = post(coracle.url("/api/jobs"), jobBody());
    assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
    existingJob = json(started).path("id").asText();
    acceptedJobs.add(existingJob);
    routes = Routes.all(coracle, Map.of("id", existingJob, "name", "ollama", "model", "coracle"));
  }

  @AfterAll
  static void stop() {
    coracle.close();
  }

  @AfterEach
  void no_refused_request_wrote_a_job() {
    JsonNode jobs = json(get(coracle.url("/api/jobs")));
    assertThat(jobs.path("data").findValuesAsText("id"))
        .containsExactlyInAnyOrderElementsOf(acceptedJobs);
  }

  /** A real job request, which starts a job wherever it is accepted. */
  private static String jobBody() {
    return "{\"messages\":[{\"role\":\"user\",\"content\":\"Delete everything\"}],\"workspace\":"
        + quote(workspace.toString())
        + "}";
  }

  /** What the page sends: a job for the jobs API, a tool call for MCP, a chat elsewhere. */
  private static String attackBody(Route route) {
    if (route.isMcp()) {
      return "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"tools/call\",\"params\":{\"name\":"
          + "\"submit_job\",\"arguments\":{\"prompt\":\"Delete everything\",\"workspace\":"
          + quote(workspace.toString())
          + "}}}";
    }
    return jobBody();
  }

  private static final List<String> CONTENT_TYPES =
      List.of("application/json", "text/plain", "application/x-www-form-urlencoded");

  private static Answer send(Route route, String contentType, String... headers) {
    String[] all = new String[headers.length + 2];
    System.arraycopy(headers, 0, all, 0, headers.length);
    all[headers.length] = "Content-Type";
    all[headers.length + 1] = contentType;
    return route.takesBody()
        ? RawHttp.send(port, route.method(), route.path(), attackBody(route), all)
        : RawHttp.send(port, route.method(), route.path(), null, headers);
  }

  private static void assertForbiddenInShape(
      SoftAssertions soft, Route route, Answer answer, String code, String label) {
    String what = label + " " + route + ": " + answer.body();
    soft.assertThat(answer.status()).as(what).isEqualTo(403);
    soft.assertThat(answer.headers().get("content-type")).as(what).contains("application/json");
    soft.assertThat(answer.hasHeader("access-control-allow-origin")).as(what).isFalse();
    if (route.method().equals("HEAD")) {
      return;
    }
    JsonNode body = answer.json();
    if (route.isMcp()) {
      soft.assertThat(body.path("jsonrpc").asText()).as(what).isEqualTo("2.0");
      soft.assertThat(body.has("id")).as(what).isTrue();
      soft.assertThat(body.at("/error/code").asInt()).as(what).isEqualTo(-32000);
      soft.assertThat(body.at("/error/data/reason").asText()).as(what).isEqualTo(code);
    } else if (route.isAnthropic()) {
      soft.assertThat(body.path("type").asText()).as(what).isEqualTo("error");
      soft.assertThat(body.at("/error/type").asText()).as(what).isEqualTo("permission_error");
      soft.assertThat(body.at("/error/message").asText()).as(what).isNotBlank();
    } else {
      JsonNode error = body.path("error");
      soft.assertThat(error.path("type").asText()).as(what).isEqualTo("permission_error");
      soft.assertThat(error.path("code").asText()).as(what).isEqualTo(code);
      soft.assertThat(error.path("message").asText()).as(what).isNotBlank();
      soft.assertThat(error.has("param")).as(what).isTrue();
    }
  }

  @Test
  void the_router_knows_the_routes_this_test_must_cover() {
    assertThat(routes.stream().map(Route::toString))
        .contains(
            "POST /api/jobs",
            "GET /api/jobs",
            "GET /api/jobs/" + existingJob + "/events",
            "POST /v1/chat/completions",
            "POST /v1/responses",
            "GET /v1/responses/" + existingJob,
            "POST /mcp",
            "GET /health");
    assertThat(routes.stream().map(Route::path))
        .as("Micronaut's management endpoints, which micronaut-flyway brings, stay off")
        .doesNotContain("/beans", "/routes", "/threaddump", "/info", "/flyway", "/loggers");
  }

  @Test
  void the_rebinding_request_is_forbidden_on_every_route_with_and_without_an_origin() {
    String host = EVIL_HOST + ":" + port;
    SoftAssertions soft = new SoftAssertions();
    for (Route route : routes) {
      for (String contentType : CONTENT_TYPES) {
        assertForbiddenInShape(
            soft, route, send(route, contentType, "Host", host), "host_not_allowed", "no origin");
        assertForbiddenInShape(
            soft,
            route,
            send(route, contentType, "Host", host, "Origin", "http://" + host),
            "host_not_allowed",
            "with origin");
      }
    }
    soft.assertAll();
  }

  @Test
  void look_alike_hosts_are_forbidden_too() {
    Route jobs = new Route("POST", "/api/jobs");
    SoftAssertions soft = new SoftAssertions();
    for (String host :
        List.of(
            "localhost.evil.example:" + port,
            "127.0.0.1.nip.io:" + port,
            "user@localhost:" + port,
            "localhost:" + port + "@evil.example",
            "localhost:" + port + " evil")) {
      assertForbiddenInShape(
          soft, jobs, send(jobs, "text/plain", "Host", host), "host_not_allowed", host);
    }
    soft.assertAll();
  }

  @Test
  void a_page_of_another_origin_is_forbidden_on_every_route_whatever_it_sends() {
    String host = "localhost:" + port;
    SoftAssertions soft = new SoftAssertions();
    for (Route route : routes) {
      for (String origin :
          List.of(
              "http://evil.example", "http://localhost:3000", "http://127.0.0.2:" + port, "null")) {
        for (String contentType : CONTENT_TYPES) {
          assertForbiddenInShape(
              soft,
              route,
              send(route, contentType, "Host", host, "Origin", origin),
              "origin_not_allowed",
              origin);
        }
      }
    }
    soft.assertAll();
  }

  @Test
  void a_cors_preflight_from_another_origin_gets_no_permission() {
    Answer answer =
        RawHttp.send(
            port,
            "OPTIONS",
            "/api/jobs",
            null,
            "Host",
            "127.0.0.1:" + port,
            "Origin",
            "http://evil.example",
            "Access-Control-Request-Method",
            "POST",
            "Access-Control-Request-Headers",
            "content-type");

    assertThat(answer.status()).isEqualTo(403);
    assertThat(answer.headers().keySet()).noneMatch(name -> name.startsWith("access-control-"));
  }

  @Test
  void the_health_check_answers_loopback_names_and_refuses_others() {
    Answer ok = RawHttp.send(port, "GET", "/health", null, "Host", "LOCALHOST:" + port);
    Answer v6 = RawHttp.send(port, "GET", "/health", null, "Host", "[::1]:" + port);
    Answer evil = RawHttp.send(port, "GET", "/health", null, "Host", EVIL_HOST);

    assertThat(ok.status()).isEqualTo(200);
    assertThat(ok.json().toString()).isEqualTo("{\"status\":\"ok\"}");
    assertThat(v6.status()).isEqualTo(200);
    assertThat(evil.status()).isEqualTo(403);
  }

  /**
   * The control: the very request the page sends, text/plain included, starts a job when it comes
   * from a local program, so the refusals above are the door's doing.
   */
  @Test
  void the_same_request_from_a_local_program_is_served() {
    Answer served =
        send(
            new Route("POST", "/api/jobs"),
            "text/plain",
            "Host",
            "127.0.0.1:" + port,
            "Origin",
            "http://127.0.0.1:" + port);

    assertThat(served.status()).as(served.body()).isEqualTo(202);
    acceptedJobs.add(served.json().path("id").asText());
  }
}
