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

  final SsrfGuard strict = new SsrfGuard(List.of(), new OwnPorts(), FAKE_DNS);

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "http://127.0.0.1/ | refused: 127.0.0.1 is a loopback address; allow it with"
            + " tools.web.allow-hosts: \"127.0.0.1:80\"",
        "http://[::1]:8080/ | refused: ::1 is a loopback address; allow it with"
            + " tools.web.allow-hosts: \"[::1]:8080\"",
        "http://10.0.0.1/ | refused: 10.0.0.1 is a private address",
        "http://192.168.1.1/ | refused: 192.168.1.1 is a private address",
        "http://172.16.0.1/ | refused: 172.16.0.1 is a private address",
        "http://169.254.169.254/latest/meta-data/ | refused: 169.254.169.254 is a link-local /"
            + " cloud metadata address; allow it with tools.web.allow-hosts",
        "https://169.254.169.254/ | tools.web.allow-hosts: \"169.254.169.254:443\"",
        "http://0.0.0.0/ | refused: 0.0.0.0 is an unspecified address",
        "http://[::ffff:127.0.0.1]/ | refused: ::ffff:7f00:1 (127.0.0.1) is a loopback address",
        "http://[::ffff:7f00:1]/ | is a loopback address",
        "http://100.64.0.1/ | refused: 100.64.0.1 is a carrier-grade NAT (100.64.0.0/10) address",
        "http://[fe80::1]/ | is a link-local address",
        "http://[fd00::1]/ | is a private (unique local) address",
        "http://224.0.0.1/ | refused: 224.0.0.1 is a multicast address",
        "http://[64:ff9b::a9fe:a9fe]/ | is an IPv4-mapped link-local / cloud metadata address",
        "http://2130706433/ | refused: 127.0.0.1 is a loopback address",
        // Spelled as a browser reads them: octal, hex, short forms, percent-encoded, user info.
        "http://0177.0.0.1/ | refused: 127.0.0.1 is a loopback address",
        "http://0x7f.1/ | refused: 127.0.0.1 is a loopback address",
        "http://127.1:8000/ | refused: 127.0.0.1 is a loopback address",
        "http://%31%32%37.0.0.1/ | refused: 127.0.0.1 is a loopback address",
        "http://0251.0376.0251.0376/ | refused: 169.254.169.254 is a link-local",
        "http://0xa9fea9fe/ | refused: 169.254.169.254 is a link-local",
        "http://public.example@127.0.0.1/ | refused: 127.0.0.1 is a loopback address",
        "http://0/ | refused: 0.0.0.0 is an unspecified address",
        "http://256.0.0.1/ | cannot be fetched: '256.0.0.1' ends in a number but is not a valid"
            + " IPv4 address",
        "http://localhost:8787/v1 | refused: localhost is a loopback / local name",
        "http://LocalHost./ | refused: localhost is a loopback / local name",
        "http://api.localhost/ | refused: api.localhost is a loopback / local name",
        "http://rebind.example/ | refused: rebind.example resolves to 127.0.0.1, a loopback"
            + " address; allow it with tools.web.allow-hosts: \"rebind.example:80\"",
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
            new OwnPorts(),
            host -> {
              throw new UnknownHostException(host);
            });

    assertThatThrownBy(() -> guard.vet(URI.create("http://nowhere.invalid/")))
        .hasMessage("cannot resolve nowhere.invalid: no such host");
  }

  @Test
  void allow_hosts_exempts_a_host_by_exact_name_and_by_suffix_on_its_port() {
    SsrfGuard guard =
        new SsrfGuard(
            List.of("rebind.example:8000", "*.corp.example:8443", "localhost:3000"),
            new OwnPorts(),
            FAKE_DNS);

    assertThat(guard.vet(URI.create("http://rebind.example:8000/")).address().getHostAddress())
        .isEqualTo("127.0.0.1");
    assertThat(guard.vet(URI.create("https://wiki.corp.example:8443/")).address().getHostAddress())
        .isEqualTo("10.20.0.8");
    assertThat(guard.vet(URI.create("http://localhost:3000/")).address().isLoopbackAddress())
        .isTrue();
    assertThatThrownBy(() -> guard.vet(URI.create("http://rebind.example:8001/")))
        .hasMessage(
            "refused: rebind.example resolves to 127.0.0.1, a loopback address; allow it with"
                + " tools.web.allow-hosts: \"rebind.example:8001\" (tools.web.allow-hosts has"
                + " \"rebind.example:8000\", another port)");
    assertThatThrownBy(() -> guard.vet(URI.create("http://localhost:5432/")))
        .hasMessageContaining("localhost is a loopback / local name");
    // The suffix is for names under it, and an exact name is no suffix.
    assertThatThrownBy(() -> guard.vet(URI.create("http://corp.example.evil:8443/")))
        .isInstanceOf(ToolException.class);
    assertThatThrownBy(() -> guard.vet(URI.create("http://10.20.0.7:8443/")))
        .hasMessageContaining("10.20.0.7 is a private address");
  }

  @Test
  void allow_hosts_exempts_an_address_by_ip_and_by_cidr_range_on_its_port() {
    SsrfGuard guard =
        new SsrfGuard(
            List.of("127.0.0.1:9000", "10.20.0.0/16:8080", "[fd00::/8]:8080"),
            new OwnPorts(),
            FAKE_DNS);

    assertThat(guard.vet(URI.create("http://127.0.0.1:9000/")).port()).isEqualTo(9000);
    assertThat(guard.vet(URI.create("http://0x7f.1:9000/")).host()).isEqualTo("127.0.0.1");
    assertThat(
            guard.vet(URI.create("http://[::ffff:127.0.0.1]:9000/")).address().isLoopbackAddress())
        .isTrue();
    assertThat(guard.vet(URI.create("http://docs.corp.example:8080/")).address().getHostAddress())
        .isEqualTo("10.20.0.7");
    assertThat(guard.vet(URI.create("http://[fd00::5]:8080/")).host()).isEqualTo("fd00::5");
    assertThatThrownBy(() -> guard.vet(URI.create("http://127.0.0.1:9001/")))
        .hasMessageContaining("127.0.0.1 is a loopback address");
    assertThatThrownBy(() -> guard.vet(URI.create("http://127.0.0.2:9000/")))
        .hasMessageContaining("127.0.0.2 is a loopback address");
    assertThatThrownBy(() -> guard.vet(URI.create("http://10.21.0.1:8080/")))
        .hasMessageContaining("10.21.0.1 is a private address");
    assertThatThrownBy(() -> guard.vet(URI.create("http://docs.corp.example/")))
        .hasMessageContaining("10.20.0.7, a private address");
    assertThatThrownBy(() -> guard.vet(URI.create("http://mixed.example:8080/")))
        .hasMessageContaining("10.1.2.3");
  }

  @Test
  void an_entry_without_a_port_allows_ports_80_and_443_only_and_a_refusal_says_so() {
    SsrfGuard guard =
        new SsrfGuard(List.of("127.0.0.1", "docs.corp.example"), new OwnPorts(), FAKE_DNS);

    assertThat(guard.vet(URI.create("http://127.0.0.1/")).port()).isEqualTo(80);
    assertThat(guard.vet(URI.create("https://127.0.0.1/")).port()).isEqualTo(443);
    assertThat(guard.vet(URI.create("https://docs.corp.example/")).port()).isEqualTo(443);
    assertThatThrownBy(() -> guard.vet(URI.create("http://127.0.0.1:8000/")))
        .hasMessage(
            "refused: 127.0.0.1 is a loopback address; allow it with tools.web.allow-hosts:"
                + " \"127.0.0.1:8000\" (tools.web.allow-hosts has \"127.0.0.1\", which allows"
                + " ports 80 and 443 only)");
    assertThatThrownBy(() -> guard.vet(URI.create("http://docs.corp.example:8080/")))
        .hasMessageContaining("tools.web.allow-hosts has \"docs.corp.example\"");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "http://localhost:8787/api/jobs",
        "http://LOCALHOST.:8787/",
        "http://127.0.0.1:8787/",
        "http://127.0.0.2:8787/",
        "http://0x7f.1:8787/",
        "http://0177.0.0.1:8787/",
        "http://2130706433:8787/",
        "http://0.0.0.0:8787/",
        "http://[::1]:8787/",
        "http://[::ffff:127.0.0.1]:8787/",
        "http://rebind.example:8787/",
        "http://127.0.0.1:7233/",
        "http://127.0.0.1:80@127.0.0.1:8787/",
        "http://%6c%6f%63%61%6c%68%6f%73%74:8787/",
      })
  void coracles_own_ports_are_refused_on_this_machine_whatever_the_allow_list_says(String url) {
    OwnPorts own =
        new OwnPorts()
            .add(8787, "coracle's HTTP API and MCP endpoint (server.port)")
            .add(7233, "coracle's embedded Temporal server (temporal.embedded-port)");
    SsrfGuard guard =
        new SsrfGuard(
            List.of(
                "localhost:8787",
                "127.0.0.1:8787",
                "127.0.0.0/8:8787",
                "0.0.0.0:8787",
                "[::1]:8787",
                "rebind.example:8787",
                "127.0.0.1:7233"),
            own,
            FAKE_DNS);

    assertThatThrownBy(() -> guard.vet(URI.create(url.strip())))
        .isInstanceOf(ToolException.class)
        .hasMessageStartingWith("refused: ")
        .hasMessageContaining(" is coracle's ")
        .hasMessageEndingWith(
            "; tools never reach coracle itself, whatever tools.web.allow-hosts says");
  }

  @Test
  void the_refusal_of_an_own_port_names_the_service_and_the_key() {
    SsrfGuard guard =
        new SsrfGuard(
            List.of("localhost:8787"),
            new OwnPorts().add(8787, "coracle's HTTP API and MCP endpoint (server.port)"),
            FAKE_DNS);

    assertThatThrownBy(() -> guard.vet(URI.create("http://localhost:8787/api/jobs")))
        .hasMessage(
            "refused: localhost:8787 is coracle's HTTP API and MCP endpoint (server.port); tools"
                + " never reach coracle itself, whatever tools.web.allow-hosts says");
  }

  @Test
  void the_same_port_on_another_machine_is_not_coracle() {
    SsrfGuard guard =
        new SsrfGuard(
            List.of("docs.corp.example:8787"),
            new OwnPorts().add(8787, "coracle's HTTP API and MCP endpoint (server.port)"),
            FAKE_DNS);

    assertThat(guard.vet(URI.create("http://public.example:8787/")).port()).isEqualTo(8787);
    assertThat(guard.vet(URI.create("http://docs.corp.example:8787/")).port()).isEqualTo(8787);
  }

  @Test
  void an_allow_hosts_entry_that_is_not_a_host_ip_or_range_fails_at_start() {
    assertThatThrownBy(() -> new SsrfGuard(List.of("10.0.0.0/33"), new OwnPorts()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "tools.web.allow-hosts: '10.0.0.0/33' is not host:port, *.suffix:port, IP:port"
                + " ([IPv6]:port) or CIDR-range:port (without a port, ports 80 and 443)");
    assertThatThrownBy(() -> new SsrfGuard(List.of("corp.example/8"), new OwnPorts()))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
