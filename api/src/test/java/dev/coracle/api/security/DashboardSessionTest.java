package dev.coracle.api.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coracle.activities.config.CoracleConfig.ServerConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Where the dashboard's session cookie stands in for the API key, through the whole door. */
class DashboardSessionTest {
  private static final String KEY = "s3cret-key";
  private static final String HOST = "127.0.0.1:8787";
  private static final String ORIGIN = "http://127.0.0.1:8787";

  private final DoorPolicy keyed =
      DoorPolicy.from(new ServerConfig("127.0.0.1", 8787, 1024, KEY, List.of()));
  private final String cookie =
      DashboardSession.COOKIE + "=" + DashboardSession.tokenFor(KEY, KEY).orElseThrow();

  private String judge(String method, String path, String... headerPairs) {
    Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    headers.put("Host", List.of(HOST));
    for (int i = 0; i + 1 < headerPairs.length; i += 2) {
      headers.computeIfAbsent(headerPairs[i], name -> new ArrayList<>()).add(headerPairs[i + 1]);
    }
    Optional<Refusal> refusal =
        keyed.judge(method, path, null, name -> headers.getOrDefault(name, List.of()));
    return refusal.map(Refusal::code).orElse("admitted");
  }

  @ParameterizedTest
  @CsvSource({
    "GET, /, admitted",
    "GET, /dashboard/requests, admitted",
    "GET, /dashboard/history/chat-1, admitted",
    "GET, /api/jobs/job-1/events, admitted",
    "GET, /api/jobs, missing_api_key",
    "GET, /api/jobs/job-1, missing_api_key",
    "GET, /api/providers, missing_api_key",
    "GET, /v1/models, missing_api_key",
    "POST, /v1/chat/completions, missing_api_key",
    "POST, /mcp, missing_api_key",
    "POST, /api/jobs, missing_api_key",
    "POST, /api/jobs/job-1/approve, admitted",
    "POST, /api/jobs/job-1/cancel, admitted",
    "POST, /api/jobs/job-1/events, missing_api_key",
    "POST, /api/providers/cloud/enable, admitted",
    "POST, /dashboard/providers/cloud/disable, admitted",
  })
  void the_cookie_counts_on_the_dashboard_and_the_routes_it_calls_only(
      String method, String path, String expected) {
    assertThat(judge(method, path, "Cookie", cookie, "Origin", ORIGIN)).isEqualTo(expected);
  }

  @Test
  void a_post_with_the_cookie_needs_an_origin_and_a_foreign_one_is_refused_first() {
    assertThat(judge("POST", "/api/jobs/job-1/approve", "Cookie", cookie))
        .isEqualTo("missing_api_key");
    assertThat(
            judge(
                "POST",
                "/api/jobs/job-1/approve",
                "Cookie",
                cookie,
                "Origin",
                "http://evil.example"))
        .isEqualTo("origin_not_allowed");
    assertThat(
            judge(
                "POST",
                "/api/jobs/job-1/approve",
                "Cookie",
                cookie,
                "Origin",
                ORIGIN,
                "Sec-Fetch-Site",
                "cross-site"))
        .isEqualTo("cross_site_request");
  }

  @Test
  void a_token_for_another_key_or_a_tampered_cookie_is_not_a_session() {
    String other = DashboardSession.tokenFor("other", "other").orElseThrow();
    assertThat(judge("GET", "/", "Cookie", DashboardSession.COOKIE + "=" + other))
        .isEqualTo("missing_api_key");
    assertThat(judge("GET", "/", "Cookie", cookie + "0")).isEqualTo("missing_api_key");
    assertThat(judge("GET", "/", "Cookie", "x=1; " + cookie + "; y=2")).isEqualTo("admitted");
    assertThat(DashboardSession.tokenFor("wrong", KEY)).isEmpty();
    assertThat(DashboardSession.tokenFor("", KEY)).isEmpty();
    assertThat(DashboardSession.tokenFor(KEY, KEY).orElseThrow()).doesNotContain(KEY);
  }

  @Test
  void the_login_form_and_its_files_need_no_key_and_nothing_else_is_opened() {
    assertThat(judge("GET", "/dashboard/login")).isEqualTo("admitted");
    assertThat(judge("POST", "/dashboard/login")).isEqualTo("admitted");
    assertThat(judge("GET", "/dashboard/static/dashboard.js")).isEqualTo("admitted");
    assertThat(judge("GET", "/")).isEqualTo("missing_api_key");
    assertThat(judge("GET", "/dashboard/loginx")).isEqualTo("missing_api_key");
  }

  @Test
  void without_a_key_there_is_no_session_to_check() {
    DoorPolicy open = DoorPolicy.from(new ServerConfig("127.0.0.1", 8787, 1024, "", List.of()));
    assertThat(
            open.judge(
                "GET",
                "/",
                null,
                name -> name.equalsIgnoreCase("Host") ? List.of(HOST) : List.of()))
        .isEmpty();
    assertThat(DashboardSession.tokenFor(KEY, "")).isEmpty();
  }
}
