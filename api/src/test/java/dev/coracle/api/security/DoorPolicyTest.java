package dev.coracle.api.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coracle.activities.config.ConfigException;
import dev.coracle.activities.config.CoracleConfig.ServerConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DoorPolicyTest {
  private static final String KEY = "s3cret-key";

  private static ServerConfig server(String host, String apiKey, String... allowedHosts) {
    return new ServerConfig(host, 8787, 1024, apiKey, List.of(allowedHosts));
  }

  private static Optional<Refusal> judge(
      DoorPolicy policy, String method, String path, String... headerPairs) {
    Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    for (int i = 0; i + 1 < headerPairs.length; i += 2) {
      headers.computeIfAbsent(headerPairs[i], name -> new ArrayList<>()).add(headerPairs[i + 1]);
    }
    return policy.judge(method, path, null, name -> headers.getOrDefault(name, List.of()));
  }

  private static String codeOf(Optional<Refusal> refusal) {
    return refusal.map(Refusal::code).orElse("admitted");
  }

  private final DoorPolicy open = DoorPolicy.from(server("127.0.0.1", ""));
  private final DoorPolicy keyed = DoorPolicy.from(server("127.0.0.1", KEY));

  @ParameterizedTest
  @ValueSource(
      strings = {
        "localhost",
        "localhost:8787",
        "LOCALHOST:8787",
        "127.0.0.1",
        "127.0.0.1:9000",
        "[::1]",
        "[::1]:8787"
      })
  void loopback_names_are_admitted_on_any_port(String host) {
    assertThat(codeOf(judge(open, "POST", "/api/jobs", "Host", host))).isEqualTo("admitted");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "evil.example:8787",
        "localhost.evil.example:8787",
        "localhost.:8787",
        "127.0.0.1.nip.io:8787",
        "127.0.0.2:8787",
        "user@localhost:8787",
        "localhost:8787 evil",
        "localhost:",
        "0.0.0.0:8787",
        "[::]:8787",
        ""
      })
  void any_other_host_is_forbidden(String host) {
    Optional<Refusal> refusal = judge(open, "GET", "/v1/models", "Host", host);

    assertThat(codeOf(refusal)).isEqualTo("host_not_allowed");
    assertThat(refusal.get().status()).isEqualTo(403);
  }

  @Test
  void no_host_or_two_hosts_are_forbidden() {
    assertThat(codeOf(judge(open, "GET", "/health"))).isEqualTo("host_not_allowed");
    assertThat(codeOf(judge(open, "GET", "/health", "Host", "localhost", "Host", "evil.example")))
        .isEqualTo("host_not_allowed");
  }

  @Test
  void an_absolute_request_target_must_name_an_allowed_host_too() {
    Map<String, List<String>> headers = Map.of("Host", List.of("localhost:8787"));
    Optional<Refusal> refusal =
        open.judge(
            "GET",
            "/v1/models",
            "evil.example:8787",
            name -> headers.getOrDefault(name, List.of()));

    assertThat(codeOf(refusal)).isEqualTo("host_not_allowed");
  }

  @Test
  void each_request_is_judged_by_its_own_host_after_an_allowed_one() {
    DoorPolicy policy = DoorPolicy.from(server("127.0.0.1", ""));

    assertThat(codeOf(judge(policy, "POST", "/v1/chat/completions", "Host", "localhost:8787")))
        .isEqualTo("admitted");
    assertThat(
            codeOf(judge(policy, "POST", "/v1/chat/completions", "Host", "localhost.evil.example")))
        .isEqualTo("host_not_allowed");
    assertThat(codeOf(judge(policy, "POST", "/v1/chat/completions", "Host", "localhost:8787")))
        .isEqualTo("admitted");
    // The origin is compared with this request's host, not with the one allowed before it.
    assertThat(
            codeOf(
                judge(
                    policy,
                    "POST",
                    "/v1/chat/completions",
                    "Host",
                    "127.0.0.1:9000",
                    "Origin",
                    "http://localhost:8787")))
        .isEqualTo("origin_not_allowed");
    assertThat(
            codeOf(
                judge(
                    policy,
                    "POST",
                    "/v1/chat/completions",
                    "Host",
                    "localhost:8787",
                    "Origin",
                    "http://localhost:8787")))
        .isEqualTo("admitted");
  }

  @Test
  void allowed_hosts_add_names_on_any_port_or_on_one_port() {
    DoorPolicy policy = DoorPolicy.from(server("127.0.0.1", "", "Coracle.LAN", "box.lan:8787"));

    assertThat(codeOf(judge(policy, "GET", "/health", "Host", "coracle.lan:1234")))
        .isEqualTo("admitted");
    assertThat(codeOf(judge(policy, "GET", "/health", "Host", "box.lan:8787")))
        .isEqualTo("admitted");
    assertThat(codeOf(judge(policy, "GET", "/health", "Host", "box.lan:8788")))
        .isEqualTo("host_not_allowed");
    assertThat(codeOf(judge(policy, "GET", "/health", "Host", "box.lan")))
        .isEqualTo("host_not_allowed");
  }

  @Test
  void the_address_coracle_listens_on_is_allowed_unless_it_is_a_wildcard() {
    DoorPolicy lan = DoorPolicy.from(server("192.168.1.5", KEY));
    DoorPolicy everywhere = DoorPolicy.from(server("0.0.0.0", KEY));
    DoorPolicy everywhere6 = DoorPolicy.from(server("::", KEY));

    String[] auth = {"Authorization", "Bearer " + KEY};
    assertThat(
            codeOf(judge(lan, "GET", "/v1/models", "Host", "192.168.1.5:8787", auth[0], auth[1])))
        .isEqualTo("admitted");
    assertThat(codeOf(judge(everywhere, "GET", "/v1/models", "Host", "0.0.0.0:8787")))
        .isEqualTo("host_not_allowed");
    assertThat(codeOf(judge(everywhere6, "GET", "/v1/models", "Host", "[::]:8787")))
        .isEqualTo("host_not_allowed");
  }

  @Test
  void a_malformed_allowed_hosts_entry_stops_start_up_with_the_entry_named() {
    assertThatThrownBy(() -> DoorPolicy.from(server("127.0.0.1", "", "http://coracle.lan/")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("server.allowed-hosts: 'http://coracle.lan/'");
    assertThatThrownBy(() -> DoorPolicy.from(server("127.0.0.1", "", "::1")))
        .isInstanceOf(ConfigException.class);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "http://evil.example:8787",
        "http://localhost:3000",
        "http://127.0.0.2:8787",
        "http://localhost",
        "null",
        "file://",
        "http://localhost:8787/",
        "http://localhost:8787, http://localhost:8787"
      })
  void an_origin_other_than_the_host_itself_is_forbidden(String origin) {
    Optional<Refusal> refusal =
        judge(open, "POST", "/api/jobs", "Host", "localhost:8787", "Origin", origin);

    assertThat(codeOf(refusal)).isEqualTo("origin_not_allowed");
    assertThat(refusal.get().status()).isEqualTo(403);
  }

  @Test
  void the_same_origin_is_admitted_with_default_ports_understood() {
    DoorPolicy proxied = DoorPolicy.from(server("127.0.0.1", "", "coracle.example"));

    assertThat(
            codeOf(
                judge(
                    open,
                    "POST",
                    "/api/jobs",
                    "Host",
                    "LOCALHOST:8787",
                    "Origin",
                    "http://localhost:8787")))
        .isEqualTo("admitted");
    assertThat(
            codeOf(
                judge(
                    proxied,
                    "POST",
                    "/api/jobs",
                    "Host",
                    "coracle.example",
                    "Origin",
                    "https://coracle.example")))
        .isEqualTo("admitted");
    assertThat(
            codeOf(
                judge(
                    proxied,
                    "POST",
                    "/api/jobs",
                    "Host",
                    "coracle.example",
                    "Origin",
                    "https://coracle.example:8443")))
        .isEqualTo("origin_not_allowed");
  }

  @Test
  void subresource_requests_a_browser_labels_cross_site_or_same_site_are_forbidden() {
    assertThat(
            codeOf(
                judge(
                    open,
                    "GET",
                    "/api/jobs",
                    "Host",
                    "127.0.0.1:8787",
                    "Sec-Fetch-Site",
                    "cross-site",
                    "Sec-Fetch-Mode",
                    "no-cors")))
        .isEqualTo("cross_site_request");
    assertThat(
            codeOf(
                judge(
                    open,
                    "GET",
                    "/api/jobs",
                    "Host",
                    "localhost:8787",
                    "Sec-Fetch-Site",
                    "same-site",
                    "Sec-Fetch-Mode",
                    "no-cors")))
        .isEqualTo("cross_site_request");
    assertThat(
            codeOf(
                judge(
                    open,
                    "POST",
                    "/api/jobs",
                    "Host",
                    "localhost:8787",
                    "Sec-Fetch-Site",
                    "cross-site",
                    "Sec-Fetch-Mode",
                    "navigate")))
        .isEqualTo("cross_site_request");
  }

  @Test
  void the_user_opening_coracle_or_following_a_link_to_it_is_admitted() {
    for (String site : List.of("none", "same-origin", "cross-site")) {
      assertThat(
              codeOf(
                  judge(
                      open,
                      "GET",
                      "/api/jobs",
                      "Host",
                      "127.0.0.1:8787",
                      "Sec-Fetch-Site",
                      site,
                      "Sec-Fetch-Mode",
                      "navigate")))
          .as(site)
          .isEqualTo("admitted");
    }
  }

  @Test
  void with_a_key_every_route_but_the_health_check_needs_it() {
    assertThat(codeOf(judge(keyed, "GET", "/health", "Host", "localhost"))).isEqualTo("admitted");
    assertThat(codeOf(judge(keyed, "HEAD", "/health", "Host", "localhost"))).isEqualTo("admitted");
    assertThat(codeOf(judge(keyed, "POST", "/health", "Host", "localhost")))
        .isEqualTo("missing_api_key");
    assertThat(codeOf(judge(keyed, "GET", "/health/", "Host", "localhost")))
        .isEqualTo("missing_api_key");
    assertThat(codeOf(judge(keyed, "GET", "/v1/models", "Host", "localhost")))
        .isEqualTo("missing_api_key");
    assertThat(codeOf(judge(keyed, "GET", "/nowhere", "Host", "localhost")))
        .isEqualTo("missing_api_key");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Authorization|Bearer " + KEY,
        "Authorization|bearer " + KEY,
        "Authorization|BEARER   " + KEY,
        "x-api-key|" + KEY,
        "X-Api-Key|" + KEY
      })
  void the_key_is_accepted_as_a_bearer_token_or_x_api_key(String header) {
    String[] pair = header.split("\\|");
    assertThat(codeOf(judge(keyed, "POST", "/mcp", "Host", "localhost", pair[0], pair[1])))
        .isEqualTo("admitted");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Authorization|Bearer wrong",
        "Authorization|Bearer " + KEY + "x",
        "Authorization|Bearer s3cret",
        "Authorization|Basic " + KEY,
        "Authorization|" + KEY,
        "Authorization|Bearer",
        "x-api-key|" + "S3CRET-KEY",
        "x-api-key|"
      })
  void anything_but_the_exact_key_is_unauthorized(String header) {
    String[] pair = header.split("\\|", 2);
    Optional<Refusal> refusal =
        judge(keyed, "POST", "/v1/chat/completions", "Host", "localhost", pair[0], pair[1]);

    assertThat(codeOf(refusal)).isEqualTo("invalid_api_key");
    assertThat(refusal.get().status()).isEqualTo(401);
  }

  @Test
  void a_foreign_host_or_origin_is_forbidden_before_the_key_is_looked_at() {
    assertThat(codeOf(judge(keyed, "POST", "/api/jobs", "Host", "evil.example:8787")))
        .isEqualTo("host_not_allowed");
    assertThat(
            codeOf(
                judge(
                    keyed,
                    "POST",
                    "/api/jobs",
                    "Host",
                    "localhost:8787",
                    "Origin",
                    "http://evil.example:8787",
                    "x-api-key",
                    KEY)))
        .isEqualTo("origin_not_allowed");
  }

  @Test
  void messages_say_what_to_change() {
    assertThat(judge(open, "GET", "/v1/models", "Host", "evil.example:8787").get().message())
        .contains("'evil.example:8787'", "server.allowed-hosts");
    assertThat(judge(keyed, "GET", "/v1/models", "Host", "localhost").get().message())
        .contains("Authorization: Bearer", "x-api-key", "CORACLE_API_KEY");
  }
}
