package dev.coracle.activities.tools.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coracle.activities.tools.ToolException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SsrfGuardTest {

  /** A DNS of the test's own: names the test made up resolve to the addresses it says. */
  static SsrfGuard.Resolver dns(Map<String, String> answers) {
    return host -> {
      String answer = answers.get(host);
      if (answer == null) {
        return InetAddress.getAllByName(host);
      }
      String[] ips = answer.split(",");
      InetAddress[] addresses = new InetAddress[ips.length];
      for (int i = 0; i < ips.length; i++) {
        addresses[i] = InetAddress.getByName(ips[i]);
      }
      return addresses;
    };
  }

  static final SsrfGuard.Resolver FAKE_DNS =
      dns(
          Map.of(
              "rebind.example", "127.0.0.1",
              "mixed.example", "93.184.215.14,10.1.2.3",
              "public.example", "93.184.215.14",
              "docs.corp.example", "10.20.0.7",
              "wiki.corp.example", "10.20.0.8"));

  final SsrfGuard strict = new SsrfGuard(List.of(), FAKE_DNS);

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "http://127.0.0.1/ | refused: 127.0.0.1 is a loopback address; allow it with"
            + " tools.web.allow-hosts",
        "http://[::1]:8080/ | refused: ::1 (0:0:0:0:0:0:0:1) is a loopback address",
        "http://10.0.0.1/ | refused: 10.0.0.1 is a private address",
        "http://192.168.1.1/ | refused: 192.168.1.1 is a private address",
        "http://172.16.0.1/ | refused: 172.16.0.1 is a private address",
        "http://169.254.169.254/latest/meta-data/ | refused: 169.254.169.254 is a link-local /"
            + " cloud metadata address; allow it with tools.web.allow-hosts",
        "http://0.0.0.0/ | refused: 0.0.0.0 is an unspecified address",
        "http://[::ffff:127.0.0.1]/ | refused: ::ffff:127.0.0.1 (127.0.0.1) is a loopback address",
        "http://[::ffff:7f00:1]/ | is a loopback address",
        "http://100.64.0.1/ | refused: 100.64.0.1 is a carrier-grade NAT (100.64.0.0/10) address",
        "http://[fe80::1]/ | is a link-local address",
        "http://[fd00::1]/ | is a private (unique local) address",
        "http://224.0.0.1/ | refused: 224.0.0.1 is a multicast address",
        "http://[64:ff9b::a9fe:a9fe]/ | is an IPv4-mapped link-local / cloud metadata address",
        "http://2130706433/ | (127.0.0.1) is a loopback address",
        "http://localhost:8787/v1 | refused: localhost is a loopback / local name",
        "http://LocalHost./ | refused: localhost is a loopback / local name",
        "http://api.localhost/ | refused: api.localhost is a loopback / local name",
        "http://rebind.example/ | refused: rebind.example resolves to 127.0.0.1, a loopback"
            + " address; allow it with tools.web.allow-hosts",
        "http://mixed.example/ | refused: mixed.example resolves to 10.1.2.3, a private address",
      })
  void refuses_addresses_that_are_not_the_public_internet(String url, String message) {
    assertThatThrownBy(() -> strict.vet(URI.create(url)))
        .isInstanceOf(ToolException.class)
        .hasMessageContaining(message.strip());
  }

  @Test
  void a_public_address_passes_and_is_the_address_to_connect_to() {
    SsrfGuard.Target target = strict.vet(URI.create("https://public.example/a?b=c"));

    assertThat(target.address().getHostAddress()).isEqualTo("93.184.215.14");
    assertThat(target.host()).isEqualTo("public.example");
    assertThat(target.port()).isEqualTo(443);
    assertThat(target.https()).isTrue();
  }

  @Test
  void only_http_and_https_are_fetched() {
    assertThatThrownBy(() -> strict.vet(URI.create("file:///etc/passwd")))
        .hasMessage("only http and https URLs can be fetched, not file:");
    assertThatThrownBy(() -> strict.vet(URI.create("gopher://public.example/")))
        .hasMessageContaining("not gopher:");
  }

  @Test
  void an_unknown_host_is_reported_as_such() {
    SsrfGuard guard =
        new SsrfGuard(
            List.of(),
            host -> {
              throw new UnknownHostException(host);
            });

    assertThatThrownBy(() -> guard.vet(URI.create("http://nowhere.invalid/")))
        .hasMessage("cannot resolve nowhere.invalid: no such host");
  }

  @Test
  void allow_hosts_exempts_a_host_by_exact_name_and_by_suffix() {
    SsrfGuard guard =
        new SsrfGuard(List.of("rebind.example", "*.corp.example", "localhost"), FAKE_DNS);

    assertThat(guard.vet(URI.create("http://rebind.example/")).address().getHostAddress())
        .isEqualTo("127.0.0.1");
    assertThat(guard.vet(URI.create("http://wiki.corp.example/")).address().getHostAddress())
        .isEqualTo("10.20.0.8");
    assertThat(guard.vet(URI.create("http://localhost/")).address().isLoopbackAddress()).isTrue();
    // The suffix is for names under it, and an exact name is no suffix.
    assertThatThrownBy(() -> guard.vet(URI.create("http://corp.example.evil/")))
        .isInstanceOf(ToolException.class);
    assertThatThrownBy(() -> guard.vet(URI.create("http://10.20.0.7/")))
        .hasMessageContaining("10.20.0.7 is a private address");
  }

  @Test
  void allow_hosts_exempts_an_address_by_ip_and_by_cidr_range() {
    SsrfGuard guard = new SsrfGuard(List.of("127.0.0.1", "10.20.0.0/16", "fd00::/8"), FAKE_DNS);

    assertThat(guard.vet(URI.create("http://127.0.0.1:9000/")).port()).isEqualTo(9000);
    assertThat(guard.vet(URI.create("http://[::ffff:127.0.0.1]/")).address().isLoopbackAddress())
        .isTrue();
    assertThat(guard.vet(URI.create("http://docs.corp.example/")).address().getHostAddress())
        .isEqualTo("10.20.0.7");
    assertThat(guard.vet(URI.create("http://[fd00::5]/")).host()).isEqualTo("fd00::5");
    assertThatThrownBy(() -> guard.vet(URI.create("http://127.0.0.2/")))
        .hasMessageContaining("127.0.0.2 is a loopback address");
    assertThatThrownBy(() -> guard.vet(URI.create("http://10.21.0.1/")))
        .hasMessageContaining("10.21.0.1 is a private address");
    assertThatThrownBy(() -> guard.vet(URI.create("http://mixed.example/")))
        .hasMessageContaining("10.1.2.3");
  }

  @Test
  void an_allow_hosts_entry_that_is_not_a_host_ip_or_range_fails_at_start() {
    assertThatThrownBy(() -> new SsrfGuard(List.of("10.0.0.0/33")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "tools.web.allow-hosts: '10.0.0.0/33' is not a host name, *.suffix, IP address or"
                + " CIDR range");
    assertThatThrownBy(() -> new SsrfGuard(List.of("corp.example/8")))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
