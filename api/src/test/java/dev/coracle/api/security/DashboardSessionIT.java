package dev.coracle.api.security;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.Cookie;
import com.microsoft.playwright.options.SameSiteAttribute;
import dev.coracle.activities.browser.Chromium;
import dev.coracle.api.CoracleUnderTest;
import dev.coracle.api.HttpCalls;
import dev.coracle.api.security.RawHttp.Answer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dashboard of a coracle started with an API key: the key is asked for once in a login form,
 * then kept as an HttpOnly, SameSite=Strict session cookie that counts only on the dashboard and
 * the JSON routes its pages call, and for a state-changing request only with a same-origin {@code
 * Origin}. Real Chromium for the login, raw HTTP for the rules.
 */
class DashboardSessionIT {
  private static final String KEY = "dashboard-secret-key";

  @TempDir static Path home;
  static CoracleUnderTest coracle;
  static int port;
  static String cookie;

  @BeforeAll
  static void start() {
    coracle =
        CoracleUnderTest.start(
            home,
            CoracleUnderTest.cloudOnly(
                "providers:\n"
                    + CoracleUnderTest.openAiProvider("cloud", "http://127.0.0.1:9", "m")),
            Map.of("CORACLE_API_KEY", KEY));
    port = coracle.server().httpPort();
    Answer login = login(KEY);
    assertThat(login.status()).as(login.body()).isEqualTo(303);
    String setCookie = login.headers().get("set-cookie").get(0);
    cookie = setCookie.substring(0, setCookie.indexOf(';'));
  }

  @AfterAll
  static void stop() {
    coracle.close();
  }

  private static Answer login(String key) {
    return RawHttp.send(
        port,
        "POST",
        "/dashboard/login",
        "key=" + key,
        "Host",
        host(),
        "Origin",
        "http://" + host(),
        "Content-Type",
        "application/x-www-form-urlencoded");
  }

  private static String host() {
    return "127.0.0.1:" + port;
  }

  private static Answer send(String method, String path, String... headers) {
    String[] all = new String[headers.length + 2];
    all[0] = "Host";
    all[1] = host();
    System.arraycopy(headers, 0, all, 2, headers.length);
    return RawHttp.send(port, method, path, method.equals("POST") ? "" : null, all);
  }

  @Test
  void chromium_is_sent_to_the_login_form_and_a_wrong_key_is_refused_the_right_one_kept() {
    try (var playwright = Chromium.startDriver();
        var browser =
            playwright
                .chromium()
                .launch(
                    new BrowserType.LaunchOptions()
                        .setExecutablePath(Chromium.executable(null))
                        .setHeadless(true)
                        .setArgs(Chromium.ARGS))) {
      BrowserContext context = browser.newContext();
      Page page = context.newPage();
      page.navigate(coracle.url("/"));
      assertThat(page).hasURL(coracle.url("/dashboard/login"));

      page.getByLabel("API key").fill("not-the-key");
      page.getByLabel("API key").press("Enter");
      assertThat(page.getByRole(AriaRole.ALERT)).containsText("not this coracle's API key");
      assertThat(context.cookies()).isEmpty();

      page.getByLabel("API key").fill(KEY);
      page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Log in")).click();
      assertThat(page).hasURL(coracle.url("/"));
      assertThat(page.locator("h1")).hasText("Jobs");
      List<Cookie> cookies = context.cookies();
      assertThat(cookies).hasSize(1);
      assertThat(cookies.get(0).name).isEqualTo("coracle_session");
      assertThat(cookies.get(0).httpOnly).isTrue();
      assertThat(cookies.get(0).sameSite).isEqualTo(SameSiteAttribute.STRICT);
      assertThat(cookies.get(0).path).isEqualTo("/");
      assertThat(cookies.get(0).value).doesNotContain(KEY);
      assertThat(cookies.get(0).expires).isEqualTo(-1.0);
    }
  }

  @Test
  void the_cookie_opens_dashboard_pages_but_no_other_route() {
    assertThat(send("GET", "/", "Cookie", cookie).status()).isEqualTo(200);
    assertThat(send("GET", "/dashboard/providers", "Cookie", cookie).status()).isEqualTo(200);

    for (String[] route :
        List.of(
            new String[] {"GET", "/api/jobs"},
            new String[] {"GET", "/api/providers"},
            new String[] {"GET", "/v1/models"},
            new String[] {"POST", "/v1/chat/completions"},
            new String[] {"POST", "/mcp"})) {
      Answer answer = send(route[0], route[1], "Cookie", cookie, "Origin", "http://" + host());
      assertThat(answer.status()).as(route[0] + " " + route[1]).isEqualTo(401);
    }
  }

  @Test
  void the_routes_the_dashboard_calls_take_the_cookie_and_posts_need_a_same_origin_origin() {
    // An unknown job gets past the front door to the route, which answers 404.
    assertThat(send("GET", "/api/jobs/job-none/events", "Cookie", cookie).status()).isEqualTo(404);
    Answer sameOrigin =
        send("POST", "/api/jobs/job-none/cancel", "Cookie", cookie, "Origin", "http://" + host());
    assertThat(sameOrigin.status()).as(sameOrigin.body()).isEqualTo(404);

    Answer noOrigin = send("POST", "/api/jobs/job-none/cancel", "Cookie", cookie);
    assertThat(noOrigin.status()).isEqualTo(401);
    Answer foreign =
        send(
            "POST",
            "/api/jobs/job-none/cancel",
            "Cookie",
            cookie,
            "Origin",
            "http://attacker.example");
    assertThat(foreign.status()).isEqualTo(403);
    assertThat(foreign.json().at("/error/code").asText()).isEqualTo("origin_not_allowed");
    Answer crossSite =
        send(
            "POST",
            "/dashboard/providers/cloud/disable",
            "Cookie",
            cookie,
            "Origin",
            "http://" + host(),
            "Sec-Fetch-Site",
            "cross-site");
    assertThat(crossSite.status()).isEqualTo(403);
  }

  @Test
  void disable_and_enable_from_the_dashboard_change_the_provider() {
    Answer disabled =
        send(
            "POST",
            "/dashboard/providers/cloud/disable",
            "Cookie",
            cookie,
            "Origin",
            "http://" + host());
    assertThat(disabled.status()).as(disabled.body()).isEqualTo(200);
    assertThat(providerDisabled()).isTrue();

    Answer enabled =
        send("POST", "/api/providers/cloud/enable", "Cookie", cookie, "Origin", "http://" + host());
    assertThat(enabled.status()).as(enabled.body()).isEqualTo(200);
    assertThat(providerDisabled()).isFalse();
    Answer unknown =
        send(
            "POST",
            "/dashboard/providers/nobody/disable",
            "Cookie",
            cookie,
            "Origin",
            "http://" + host());
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.json().at("/error/code").asText()).isEqualTo("not_found");
  }

  @Test
  void a_wrong_or_missing_cookie_leads_to_the_login_form_which_needs_no_key() {
    Answer wrong = send("GET", "/", "Cookie", "coracle_session=" + "0".repeat(64));
    assertThat(wrong.status()).isEqualTo(303);
    assertThat(wrong.headers().get("location")).containsExactly("/dashboard/login");
    assertThat(send("GET", "/dashboard/jobs/job-none").status()).isEqualTo(303);
    assertThat(send("GET", "/dashboard/login").status()).isEqualTo(200);
    assertThat(send("GET", "/dashboard/static/dashboard.js").status()).isEqualTo(200);
    assertThat(login("wrong").status()).isEqualTo(401);
    assertThat(login("wrong").hasHeader("set-cookie")).isFalse();
  }

  @Test
  void dashboard_pages_cannot_be_framed_and_run_only_their_own_scripts() {
    Answer page = send("GET", "/", "Cookie", cookie);

    assertThat(page.headers().get("x-frame-options")).containsExactly("DENY");
    assertThat(page.headers().get("content-security-policy").get(0))
        .contains("frame-ancestors 'none'", "script-src 'self'");
    assertThat(page.contentType()).startsWith("text/html");
  }

  private static boolean providerDisabled() {
    Answer providers = send("GET", "/api/providers", "Authorization", "Bearer " + KEY);
    return HttpCalls.parse(providers.body()).at("/data/0/quota/disabled").asBoolean();
  }
}
