package dev.coracle.api.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class AuthorityTest {

  @ParameterizedTest
  @CsvSource({
    "localhost, localhost, -1",
    "LOCALHOST:8787, localhost, 8787",
    "127.0.0.1:1, 127.0.0.1, 1",
    "[::1], [::1], -1",
    "[::1]:65535, [::1], 65535",
    "coracle.lan:8787, coracle.lan, 8787",
    "my_box, my_box, -1"
  })
  void well_formed_authorities_parse_with_the_host_in_lower_case(
      String text, String host, int port) {
    assertThat(Authority.parse(text)).contains(new Authority(host, port));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "localhost:",
        "localhost:0",
        "localhost:65536",
        "localhost:123456",
        "localhost:8787x",
        "localhost:8787/",
        "localhost/",
        "user@localhost",
        "user:pass@localhost:8787",
        "localhost:8787:1",
        "local host",
        " localhost",
        "localhost ",
        "::1",
        "[::1",
        "[::1]x",
        "[::1]:",
        "[localhost]",
        "127.0.0.1%20",
        "xn--lcalhost\u00e9",
        "\u212aube.lan",
        "http://localhost"
      })
  void anything_else_is_not_an_authority(String text) {
    assertThat(Authority.parse(text)).isEmpty();
  }

  @ParameterizedTest
  @CsvSource({
    "http://localhost:8787, http, localhost, 8787, 8787",
    "https://coracle.example, https, coracle.example, -1, 443",
    "http://127.0.0.1, http, 127.0.0.1, -1, 80"
  })
  void origins_parse_into_scheme_host_and_port(
      String text, String scheme, String host, int port, int effectivePort) {
    WebOrigin origin = WebOrigin.parse(text).orElseThrow();

    assertThat(origin.scheme()).isEqualTo(scheme);
    assertThat(origin.authority()).isEqualTo(new Authority(host, port));
    assertThat(origin.effectivePort()).isEqualTo(effectivePort);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "null",
        "file://",
        "http://",
        "http://localhost:8787/",
        "http://localhost:8787/page",
        "ftp://localhost:8787",
        "chrome-extension://abcdef",
        "HTTP://localhost:8787",
        "http://user@localhost:8787",
        "localhost:8787"
      })
  void origins_that_name_no_plain_web_origin_do_not_parse(String text) {
    assertThat(WebOrigin.parse(text)).isEmpty();
  }
}
