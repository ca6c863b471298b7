package dev.coracle.api.security;

import static dev.coracle.api.HttpCalls.get;
import static dev.coracle.api.HttpCalls.json;
import static dev.coracle.api.HttpCalls.quote;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.Response;
import com.sun.net.httpserver.HttpServer;
import dev.coracle.activities.browser.Chromium;
import dev.coracle.api.CoracleUnderTest;
import dev.coracle.api.HttpCalls;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Attack pages in real Chromium against a real coracle: one from another site, which tries simple
 * and preflighted fetches and form posts, and one that DNS rebinding has put on coracle's own port.
 * Neither starts a job or reads the job list.
 */
class BrowserAttackIT {
  private static final String ATTACKER = "attacker.example";
  private static final String REBOUND = "evil.example";

  @TempDir static Path home;
  @TempDir static Path workspace;
  static CoracleUnderTest coracle;
  static HttpServer attackerSite;
  static Playwright playwright;
  static Browser browser;

  BrowserContext context;
  Page page;
  final List<String> coracleAnswers = Collections.synchronizedList(new ArrayList<>());

  @BeforeAll
  static void start() throws IOException {
    coracle = CoracleUnderTest.start(home, CoracleUnderTest.cloudOnly(""));
    attackerSite = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    attackerSite.createContext(
        "/",
        exchange -> {
          byte[] html = crossSitePage().getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
          exchange.sendResponseHeaders(200, html.length);
          exchange.getResponseBody().write(html);
          exchange.close();
        });
    attackerSite.start();
    playwright = Chromium.startDriver();
    List<String> args = new ArrayList<>(Chromium.ARGS);
    // Both names lead to this machine, as the attacker's DNS makes them do.
    args.add("--host-resolver-rules=MAP " + ATTACKER + " 127.0.0.1, MAP " + REBOUND + " 127.0.0.1");
    // Recent Chromium asks the user before a page from the internet may reach loopback (Local
    // Network Access). Firefox, Safari and a user who clicked "allow" do not stop the page, so the
    // test turns that off: coracle itself must refuse.
    args.add(
        "--disable-features=LocalNetworkAccessChecks,BlockInsecurePrivateNetworkRequests,"
            + "PrivateNetworkAccessSendPreflights");
    browser =
        playwright
            .chromium()
            .launch(
                new BrowserType.LaunchOptions()
                    .setExecutablePath(Chromium.executable(null))
                    .setHeadless(true)
                    .setArgs(args));
  }

  @AfterAll
  static void stop() {
    browser.close();
    playwright.close();
    attackerSite.stop(0);
    coracle.close();
  }

  @BeforeEach
  void openPage() {
    context = browser.newContext();
    page = context.newPage();
    page.onResponse(
        response -> {
          if (response.url().contains(":" + coracle.server().httpPort() + "/")) {
            coracleAnswers.add(
                response.request().method() + " " + path(response) + " " + response.status());
          }
        });
  }

  @AfterEach
  void closePage() {
    context.close();
  }

  /** The no-cors fetch and the two forms each reach coracle as a POST. */
  private long postsAnswered() {
    synchronized (coracleAnswers) {
      return coracleAnswers.stream().filter(answer -> answer.startsWith("POST ")).count();
    }
  }

  private static String path(Response response) {
    return java.net.URI.create(response.url()).getPath();
  }

  private static String jobJson(String text) {
    return "{\"messages\":[{\"role\":\"user\",\"content\":\""
        + text
        + "\"}],\"workspace\":"
        + quote(workspace.toString())
        + "}";
  }

  /**
   * The other site's page: a simple text/plain fetch (no preflight), a JSON fetch (preflight), two
   * reads of the job list, and two forms, one text/plain shaped into JSON, one urlencoded.
   */
  private static String crossSitePage() {
    String jobs = coracle.url("/api/jobs");
    // A text/plain form sends name=value: this name and the value "} make the body a valid job.
    String json = jobJson("form attack");
    String formName = json.substring(0, json.length() - 1) + ",\"x\":\"";
    return """
        <!doctype html><html><body>
        <iframe name="plain-sink"></iframe><iframe name="urlencoded-sink"></iframe>
        <form id="plain" method="POST" enctype="text/plain" target="plain-sink" action="%1$s">
          <input name='%2$s' value='"}'></form>
        <form id="urlencoded" method="POST" target="urlencoded-sink" action="%1$s">
          <input name="messages" value="form attack"></form>
        <script>
        const jobs = %3$s;
        const body = %4$s;
        async function attempt(call) {
          try {
            const r = await call();
            return {type: r.type, status: r.status, text: await r.text()};
          } catch (e) {
            return {error: String(e)};
          }
        }
        window.results = (async () => ({
          plainPost: await attempt(() => fetch(jobs, {method: "POST", mode: "no-cors",
              headers: {"Content-Type": "text/plain"}, body})),
          jsonPost: await attempt(() => fetch(jobs, {method: "POST",
              headers: {"Content-Type": "application/json"}, body})),
          read: await attempt(() => fetch(jobs)),
          readNoCors: await attempt(() => fetch(jobs, {mode: "no-cors"})),
        }))();
        </script></body></html>
        """
        .formatted(jobs, formName, quote(jobs), quote(jobJson("page attack")));
  }

  /** The rebound page runs on coracle's own origin, so it uses same-origin paths. */
  private static String reboundPage() {
    return """
        <!doctype html><html><body><script>
        const body = %s;
        async function attempt(call) {
          try {
            const r = await call();
            return {status: r.status, text: await r.text()};
          } catch (e) {
            return {error: String(e)};
          }
        }
        window.results = (async () => ({
          jsonPost: await attempt(() => fetch("/api/jobs", {method: "POST",
              headers: {"Content-Type": "application/json"}, body})),
          plainPost: await attempt(() => fetch("/api/jobs", {method: "POST",
              headers: {"Content-Type": "text/plain"}, body})),
          read: await attempt(() => fetch("/api/jobs")),
          events: await attempt(() => fetch("/api/jobs/job-x/events")),
        }))();
        </script></body></html>
        """
        .formatted(quote(jobJson("rebound attack")));
  }

  private JsonNode results() {
    return HttpCalls.parse(
        (String) page.evaluate("async () => JSON.stringify(await window.results)"));
  }

  private static List<String> storedJobIds() {
    return json(get(coracle.url("/api/jobs"))).path("data").findValuesAsText("id");
  }

  @Test
  void a_page_of_another_site_can_neither_start_a_job_nor_read_the_job_list() {
    page.navigate("http://" + ATTACKER + ":" + attackerSite.getAddress().getPort() + "/");
    JsonNode results = results();
    // Each form has its own frame, so one submission can never cancel the other's navigation.
    for (String form : List.of("plain", "urlencoded")) {
      page.evaluate("id => document.getElementById(id).submit()", form);
    }
    page.waitForCondition(
        () -> postsAnswered() >= 3, new Page.WaitForConditionOptions().setTimeout(60_000));

    assertThat(results.at("/jsonPost/error").asText()).as(results.toString()).contains("fetch");
    assertThat(results.at("/read/error").asText()).as(results.toString()).contains("fetch");
    assertThat(results.at("/plainPost/type").asText()).isEqualTo("opaque");
    assertThat(results.at("/readNoCors/text").asText()).isEmpty();
    assertThat(coracleAnswers)
        .as("what coracle answered the page's requests")
        .contains("GET /api/jobs 403")
        .filteredOn(answer -> answer.startsWith("POST /api/jobs"))
        .hasSizeGreaterThanOrEqualTo(3)
        .allMatch(answer -> answer.endsWith(" 403"));
    assertThat(coracleAnswers).allMatch(answer -> answer.endsWith(" 403"));
    assertThat(storedJobIds()).isEmpty();
  }

  @Test
  void a_rebound_page_on_coracles_own_port_is_refused_though_it_is_same_origin() {
    String origin = "http://" + REBOUND + ":" + coracle.server().httpPort();
    page.route(
        origin + "/",
        route ->
            route.fulfill(
                new com.microsoft.playwright.Route.FulfillOptions()
                    .setContentType("text/html")
                    .setBody(reboundPage())));
    page.navigate(origin + "/");
    JsonNode results = results();

    for (String attempt : List.of("jsonPost", "plainPost", "read", "events")) {
      assertThat(results.at("/" + attempt + "/status").asInt())
          .as(attempt + ": " + results)
          .isEqualTo(403);
      assertThat(
              HttpCalls.parse(results.at("/" + attempt + "/text").asText())
                  .at("/error/code")
                  .asText())
          .isEqualTo("host_not_allowed");
    }
    assertThat(storedJobIds()).isEmpty();
  }

  /** The control: the same browser opening coracle itself, as a user would, gets the list. */
  @Test
  void the_user_opening_coracle_in_the_browser_gets_the_job_list() {
    Response answer = page.navigate(coracle.url("/api/jobs"));

    assertThat(answer.status()).isEqualTo(200);
    assertThat(HttpCalls.parse(answer.text()).has("data")).isTrue();
  }
}
