package dev.coracle.api.dashboard;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static dev.coracle.api.HttpCalls.json;
import static dev.coracle.api.HttpCalls.post;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.AriaRole;
import dev.coracle.api.CoracleUnderTest;
import dev.coracle.api.HttpCalls;
import dev.coracle.api.JobFixtures;
import dev.coracle.fakes.FakeOllamaServer;
import dev.coracle.fakes.FakeOpenAiServer;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dashboard in real Chromium against a real coracle over fake model servers: a job started
 * through the API appears in the list and moves without a reload, its plan is approved with the
 * button, and a chat request's Temporal history renders as a timeline. Each page is also
 * photographed for docs/dashboard.md when {@code -Ddashboard.screenshots=<dir>} is given.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DashboardIT {
  private static final LocatorAssertions.ContainsTextOptions PATIENTLY =
      new LocatorAssertions.ContainsTextOptions().setTimeout(60_000);

  private static final LocatorAssertions.IsVisibleOptions SEEN =
      new LocatorAssertions.IsVisibleOptions().setTimeout(60_000);
  private static final LocatorAssertions.HasTextOptions DONE =
      new LocatorAssertions.HasTextOptions().setTimeout(10_000);

  @TempDir static Path home;
  @TempDir Path workspace;

  static FakeOllamaServer ollama;
  static FakeOpenAiServer cloud;
  static CoracleUnderTest coracle;
  static DashboardBrowser chromium;

  @BeforeAll
  static void start() {
    ollama = new FakeOllamaServer().start();
    cloud = new FakeOpenAiServer().start();
    coracle = CoracleUnderTest.start(home, config(), Map.of());
    chromium = new DashboardBrowser();
  }

  @AfterAll
  static void stop() {
    chromium.close();
    coracle.close();
    ollama.close();
    cloud.close();
  }

  /** The jobs setup of {@link JobFixtures}, with quota limits so the providers page has bars. */
  private static String config() {
    return """
        local:
          ollama:
            base-url: "%s"
            reasoning-model: "job"
            coder-model: "job"
            timeout-seconds: 20
            min-free-ram-mb: 0
        providers:
          - name: cloud
            kind: openai-compatible
            base-url: "%s"
            api-key: "${FAKE_KEY:test-key}"
            timeout-seconds: 10
            models: [job]
            limits:
              "*": {requests-per-minute: 30, requests-per-day: 1000, tokens-per-minute: 12000}
        """
        .formatted(ollama.baseUrl(), cloud.baseUrl());
  }

  @Test
  @Order(1)
  void the_job_list_shows_a_job_started_through_the_api_and_its_progress_moves_without_a_reload() {
    Page page = chromium.newPage();
    page.navigate(coracle.url("/"));
    assertThat(page.getByRole(AriaRole.HEADING)).containsText("Jobs");
    page.evaluate("window.sameDocument = 'yes'");

    String id = submit("Create notes.txt and todo.md", true);

    Locator row = page.locator("tr[data-job='" + id + "']");
    assertThat(row).containsText("waiting for approval of 2 steps", PATIENTLY);
    assertThat(row.locator(".status")).containsText("waiting_approval");

    HttpResponse<String> approved = post(coracle.url("/api/jobs/" + id + "/approve"), "");
    assertThat(approved.statusCode()).isEqualTo(202);

    assertThat(row.locator(".status")).containsText("done", PATIENTLY);
    assertThat(row).containsText("step 2 of 2");
    assertThat(page.evaluate("window.sameDocument")).isEqualTo("yes");
  }

  @Test
  @Order(2)
  void the_approve_button_runs_a_waiting_plan_and_the_page_follows_it_live() {
    String id = submit("Create plan.txt and steps.md", true);
    JobFixtures.awaitJob(
        coracle.baseUrl(), id, Duration.ofSeconds(60), JobFixtures.status("waiting_approval"));
    Page page = chromium.newPage();
    page.navigate(coracle.url("/dashboard/jobs/" + id));
    assertThat(page.locator("#job-live")).containsText("waiting for approval of 2 steps");
    assertThat(page.locator("ol.plan")).containsText("Create plan.txt");
    page.evaluate("window.sameDocument = 'yes'");

    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Approve plan")).click();

    assertThat(page.locator("#action-result")).containsText("Approve plan: sent.");
    assertThat(page.locator("#job-events")).containsText("approved", PATIENTLY);
    assertThat(page.locator("#job-events .badge-done")).isVisible(SEEN);
    assertThat(page.locator("#job-live dd .badge").first()).hasText("done", DONE);
    assertThat(page.locator("#job-live")).containsText("step 2 of 2");
    assertThat(page.locator("#job-live .steps")).containsText("done");
    assertThat(page.evaluate("window.sameDocument")).isEqualTo("yes");
    JsonNode job = JobFixtures.job(coracle.baseUrl(), id);
    assertThat(job.path("status").asText()).isEqualTo("done");
    assertThat(workspace.resolve("plan.txt")).exists();

    page.reload();
    assertThat(page.locator("section[aria-labelledby=tools-h]")).containsText("write_file");
    assertThat(page.locator("section[aria-labelledby=files-h]")).containsText("plan.txt");
    assertThat(page.locator("pre.diff .add").first()).isVisible();
    DashboardBrowser.screenshot(page, "job");

    page.navigate(coracle.url("/"));
    assertThat(page.locator("#job-rows tr")).hasCount(2);
    DashboardBrowser.screenshot(page, "jobs");
  }

  @Test
  @Order(3)
  void a_chat_requests_history_renders_as_a_timeline() {
    HttpResponse<String> chat =
        post(coracle.url("/v1/chat/completions"), HttpCalls.chat("coracle", "hello there", ""));
    assertThat(chat.statusCode()).as(chat.body()).isEqualTo(200);
    String workflowId = chat.headers().firstValue("x-coracle-workflow-id").orElseThrow();

    Page page = chromium.newPage();
    page.navigate(coracle.url("/dashboard/requests"));
    Locator link = page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName(workflowId));
    assertThat(link).isVisible();
    DashboardBrowser.screenshot(page, "requests");
    link.click();

    assertThat(page.locator("h1")).containsText(workflowId);
    Locator timeline = page.locator("table.timeline");
    assertThat(timeline).containsText("Workflow ChatWorkflow started");
    assertThat(timeline).containsText("Local activity Classify completed");
    // The model call is an activity or, on the fast path, a local activity.
    assertThat(timeline).containsText("ctivity CallModel completed");
    assertThat(timeline).containsText("Workflow completed");
    assertThat(timeline).containsText("hello there");
    DashboardBrowser.screenshot(page, "timeline");
  }

  @Test
  @Order(4)
  void providers_and_savings_show_quota_bars_the_slot_and_charts() {
    HttpResponse<String> first =
        post(coracle.url("/v1/chat/completions"), HttpCalls.chat("coracle", "what is 2+2", ""));
    HttpResponse<String> again =
        post(coracle.url("/v1/chat/completions"), HttpCalls.chat("coracle", "what is 2+2", ""));
    assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
    assertThat(again.headers().firstValue("x-coracle-cache")).hasValue("hit");
    Page page = chromium.newPage();

    page.navigate(coracle.url("/dashboard/providers"));
    assertThat(page.locator("#slot-h")).containsText("Local LLM slot");
    Locator cloudCard = page.locator("section[aria-label='cloud/job']");
    assertThat(cloudCard.locator("meter").first()).isVisible();
    assertThat(cloudCard).containsText("30");
    assertThat(
            cloudCard.getByRole(
                AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Disable cloud")))
        .isVisible();
    DashboardBrowser.screenshot(page, "providers");

    page.navigate(coracle.url("/dashboard/savings"));
    assertThat(page.locator("#tokens-h")).containsText("Tokens by provider per day");
    assertThat(page.locator("svg.chart rect").first()).isVisible();
    Locator cache = page.locator("section[aria-labelledby=cache-h]");
    assertThat(cache).containsText("Cache hit rate");
    // Only days with hits get a bar: today's hit was counted per day.
    assertThat(cache.locator("svg.chart rect")).hasCount(1);
    DashboardBrowser.screenshot(page, "savings");
  }

  private String submit(String request, boolean approvePlan) {
    String body =
        """
        {"messages": [{"role": "user", "content": %s}], "workspace": %s, "approve_plan": %s}
        """
            .formatted(
                HttpCalls.quote(request), HttpCalls.quote(workspace.toString()), approvePlan);
    HttpResponse<String> created = post(coracle.url("/api/jobs"), body);
    assertThat(created.statusCode()).as(created.body()).isEqualTo(202);
    return json(created).path("id").asText();
  }
}
