package dev.coracle.api.security;

import static dev.coracle.api.HttpCalls.chat;
import static dev.coracle.api.HttpCalls.get;
import static dev.coracle.api.HttpCalls.json;
import static dev.coracle.api.HttpCalls.post;
import static dev.coracle.api.HttpCalls.quote;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.coracle.api.CoracleUnderTest;
import dev.coracle.api.HttpCalls;
import dev.coracle.api.NodeClients;
import dev.coracle.api.security.RawHttp.Answer;
import dev.coracle.api.security.Routes.Route;
import dev.coracle.fakes.FakeOpenAiServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A coracle started with {@code CORACLE_API_KEY}: every route but the health check needs it. */
class ApiKeyIT {
  private static final String KEY = "ck-test-7f3a9c2e41d8";

  @TempDir static Path home;
  @TempDir static Path workspace;
  static FakeOpenAiServer cloud;
  static CoracleUnderTest coracle;
  static int port;
  static List<Route> routes;

  @BeforeAll
  static void start() {
    cloud = new FakeOpenAiServer().start();
    coracle =
        CoracleUnderTest.start(
            home,
            CoracleUnderTest.cloudOnly(
                "providers:\n"
                    + "  - name: cloud\n"
                    + "    kind: openai-compatible\n"
                    + "    base-url: \""
                    + cloud.baseUrl()
                    + "\"\n"
                    + "    api-key: \"${FAKE_KEY:test-key}\"\n"
                    + "    models: [echo]\n"),
            Map.of("CORACLE_API_KEY", KEY));
    port = coracle.server().httpPort();
    HttpResponse<String> job = post(coracle.url("/api/jobs"), jobBody(), "x-api-key", KEY);
    assertThat(job.statusCode()).as(job.body()).isEqualTo(202);
    routes =
        Routes.all(
            coracle, Map.of("id", json(job).path("id").asText(), "name", "cloud", "model", "x"));
  }

  @AfterAll
  static void stop() {
    coracle.close();
    cloud.close();
  }

  private static String jobBody() {
    return "{\"messages\":[{\"role\":\"user\",\"content\":\"Add a README\"}],\"workspace\":"
        + quote(workspace.toString())
        + "}";
  }

  private static boolean isHealthCheck(Route route) {
    return route.path().equals("/health")
        && (route.method().equals("GET") || route.method().equals("HEAD"));
  }

  /**
   * Dashboard pages send a browser to the login form instead of answering 401, and the form and its
   * files need no key; DashboardSessionIT covers both.
   */
  private static boolean isDashboardPage(Route route) {
    boolean dashboard = route.path().equals("/") || route.path().startsWith("/dashboard/");
    boolean open =
        route.path().equals("/dashboard/login") || route.path().startsWith("/dashboard/static/");
    return dashboard && (open || route.method().equals("GET"));
  }

  private static Answer send(Route route, String... headers) {
    String[] all = new String[headers.length + 2];
    all[0] = "Host";
    all[1] = "127.0.0.1:" + port;
    System.arraycopy(headers, 0, all, 2, headers.length);
    return RawHttp.send(port, route.method(), route.path(), route.takesBody() ? "{}" : null, all);
  }

  private static void assertUnauthorizedInShape(
      SoftAssertions soft, Route route, Answer answer, String code) {
    String what = route + ": " + answer.body();
    soft.assertThat(answer.status()).as(what).isEqualTo(401);
    soft.assertThat(answer.headers().get("www-authenticate"))
        .as(what)
        .containsExactly("Bearer realm=\"coracle\"");
    if (route.method().equals("HEAD")) {
      return;
    }
    JsonNode body = answer.json();
    if (route.isMcp()) {
      soft.assertThat(body.path("jsonrpc").asText()).as(what).isEqualTo("2.0");
      soft.assertThat(body.at("/error/code").asInt()).as(what).isEqualTo(-32001);
      soft.assertThat(body.at("/error/data/reason").asText()).as(what).isEqualTo(code);
    } else if (route.isAnthropic()) {
      soft.assertThat(body.path("type").asText()).as(what).isEqualTo("error");
      soft.assertThat(body.at("/error/type").asText()).as(what).isEqualTo("authentication_error");
      soft.assertThat(body.at("/error/message").asText()).as(what).isNotBlank();
    } else {
      soft.assertThat(body.at("/error/type").asText()).as(what).isEqualTo("authentication_error");
      soft.assertThat(body.at("/error/code").asText()).as(what).isEqualTo(code);
    }
  }

  @Test
  void every_route_without_the_key_is_401_in_its_shape() {
    SoftAssertions soft = new SoftAssertions();
    for (Route route : routes) {
      if (!isHealthCheck(route) && !isDashboardPage(route)) {
        assertUnauthorizedInShape(soft, route, send(route), "missing_api_key");
      }
    }
    soft.assertAll();
  }

  @Test
  void every_route_with_a_wrong_key_is_401_in_its_shape() {
    SoftAssertions soft = new SoftAssertions();
    for (Route route : routes) {
      if (!isHealthCheck(route) && !isDashboardPage(route)) {
        assertUnauthorizedInShape(
            soft, route, send(route, "Authorization", "Bearer " + KEY + "x"), "invalid_api_key");
        assertUnauthorizedInShape(
            soft, route, send(route, "x-api-key", KEY.substring(1)), "invalid_api_key");
      }
    }
    soft.assertAll();
  }

  @Test
  void the_key_as_a_bearer_token_or_x_api_key_opens_every_door() {
    HttpResponse<String> models = get(coracle.url("/v1/models"), "Authorization", "Bearer " + KEY);
    HttpResponse<String> answer =
        post(coracle.url("/v1/chat/completions"), chat("coracle", "hello", ""), "x-api-key", KEY);
    HttpResponse<String> jobs = get(coracle.url("/api/jobs"), "x-api-key", KEY);
    HttpResponse<String> tools =
        post(
            coracle.url("/mcp"),
            "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\"}",
            "Authorization",
            "Bearer " + KEY,
            "Accept",
            "application/json, text/event-stream");

    assertThat(models.statusCode()).as(models.body()).isEqualTo(200);
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    assertThat(json(answer).at("/choices/0/message/content").asText()).isEqualTo("echo: hello");
    assertThat(jobs.statusCode()).isEqualTo(200);
    assertThat(tools.statusCode()).as(tools.body()).isEqualTo(200);
    assertThat(json(tools).at("/result/tools").findValuesAsText("name")).contains("submit_job");
  }

  @Test
  void the_health_check_needs_no_key() {
    HttpResponse<String> health = get(coracle.url("/health"));

    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(json(health).path("status").asText()).isEqualTo("ok");
  }

  @Test
  void a_rebinding_page_is_forbidden_before_any_key_is_asked_for() {
    Route jobs = new Route("POST", "/api/jobs");
    Answer rebinding =
        RawHttp.send(port, "POST", "/api/jobs", jobBody(), "Host", "evil.example:" + port);
    Answer crossSite =
        RawHttp.send(
            port,
            "POST",
            "/api/jobs",
            jobBody(),
            "Host",
            "localhost:" + port,
            "Origin",
            "http://evil.example",
            "Content-Type",
            "text/plain");

    assertThat(rebinding.status()).as(jobs + " " + rebinding.body()).isEqualTo(403);
    assertThat(rebinding.json().at("/error/code").asText()).isEqualTo("host_not_allowed");
    assertThat(crossSite.status()).isEqualTo(403);
    assertThat(crossSite.json().at("/error/code").asText()).isEqualTo("origin_not_allowed");
  }

  @Test
  void the_official_openai_npm_client_works_with_the_key_and_fails_with_a_wrong_one()
      throws Exception {
    NodeClients.install();
    String output =
        NodeClients.run(
            List.of("node", "auth-check.mjs", coracle.baseUrl() + "/v1", "coracle", KEY));
    JsonNode result = HttpCalls.parse(output.lines().reduce((a, b) -> b).orElse(""));

    assertThat(result.path("modelIds").toString()).contains("\"coracle\"");
    assertThat(result.path("content").asText()).isEqualTo("echo: hello with a key");
    assertThat(result.at("/wrong/authenticationError").asBoolean()).as(result.toString()).isTrue();
    assertThat(result.at("/wrong/status").asInt()).isEqualTo(401);
    assertThat(result.at("/wrong/code").asText()).isEqualTo("invalid_api_key");
  }

  @Test
  void coracle_mcp_serve_sends_the_key_and_reaches_the_keyed_coracle() throws Exception {
    List<String> answers = bridge(Map.of("CORACLE_API_KEY", KEY));

    JsonNode tools = answerTo(answers, 2);
    assertThat(tools.at("/result/tools").findValuesAsText("name")).contains("submit_job");
  }

  @Test
  void coracle_mcp_serve_without_the_key_gets_an_error_for_its_own_request() throws Exception {
    List<String> answers = bridge(Map.of());

    JsonNode refused = answerTo(answers, 1);
    assertThat(refused.at("/error/code").asInt()).isEqualTo(-32001);
    assertThat(refused.at("/error/message").asText()).contains("API key");
  }

  /**
   * Runs {@code coracle mcp serve} as MCP clients start it, with its own home and the given
   * environment, and feeds it an initialize, the initialized notification and a tools/list.
   */
  private static List<String> bridge(Map<String, String> env) throws Exception {
    Path clientHome = Files.createTempDirectory(home, "client");
    ProcessBuilder builder =
        new ProcessBuilder(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-cp",
            System.getProperty("java.class.path"),
            "dev.coracle.api.Coracle",
            "mcp",
            "serve",
            "--url",
            coracle.baseUrl(),
            "--home",
            clientHome.toString());
    builder.environment().remove("CORACLE_API_KEY");
    builder.environment().remove("CORACLE_SERVER_API_KEY");
    builder.environment().putAll(env);
    builder.redirectError(ProcessBuilder.Redirect.DISCARD);
    Process process = builder.start();
    try (OutputStream in = process.getOutputStream()) {
      in.write(
          ("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{"
                  + "\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},"
                  + "\"clientInfo\":{\"name\":\"test\",\"version\":\"1\"}}}\n"
                  + "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}\n"
                  + "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}\n")
              .getBytes(StandardCharsets.UTF_8));
    }
    List<String> lines = new ArrayList<>();
    try (BufferedReader out =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = out.readLine()) != null) {
        lines.add(line);
      }
    }
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).isZero();
    return lines;
  }

  private static JsonNode answerTo(List<String> lines, int id) throws IOException {
    for (String line : lines) {
      JsonNode answer = HttpCalls.parse(line);
      if (answer.path("id").asInt(-1) == id) {
        return answer;
      }
    }
    throw new AssertionError("no answer to request " + id + " in " + lines);
  }
}
