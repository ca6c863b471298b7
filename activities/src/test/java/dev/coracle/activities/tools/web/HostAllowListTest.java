package dev.coracle.activities.tools.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** How tools.web.allow-hosts entries are read: a host and a port, 80 and 443 when none is given. */
class HostAllowListTest {

  static InetAddress ip(String text) throws UnknownHostException {
    return InetAddress.getByName(text);
  }

  @ParameterizedTest(name = "\"{0}\" allows {1} on {2}: {3}")
  @CsvSource(
      delimiter = '|',
      value = {
        // entry               | host or address     | port | allowed
        "docs.internal         | docs.internal       | 80   | true",
        "docs.internal         | docs.internal       | 443  | true",
        "docs.internal         | docs.internal       | 8080 | false",
        "docs.internal:8080    | docs.internal       | 8080 | true",
        "docs.internal:8080    | docs.internal       | 80   | false",
        "Docs.Internal.:8080   | docs.internal       | 8080 | true",
        "docs.internal         | wiki.internal       | 80   | false",
        "*.corp.example        | a.corp.example      | 443  | true",
        "*.corp.example        | corp.example        | 443  | false",
        "*.corp.example:8443   | a.b.corp.example    | 8443 | true",
        "*.corp.example:8443   | a.corp.example      | 443  | false",
        "*.Corp.Example.       | a.corp.example      | 443  | true",
        "127.0.0.1             | 127.0.0.1           | 80   | true",
        "127.0.0.1             | 127.0.0.1           | 8787 | false",
        "127.0.0.1:8000        | 127.0.0.1           | 8000 | true",
        "127.0.0.1:8000        | 127.0.0.2           | 8000 | false",
        "0x7f.1:8000           | 127.0.0.1           | 8000 | true",
        "fd00::5               | fd00::5             | 443  | true",
        "fd00::5               | fd00::5             | 8080 | false",
        "[fd00::5]             | fd00::5             | 80   | true",
        "[fd00::5]:8080        | fd00::5             | 8080 | true",
        "10.20.0.0/16          | 10.20.3.4           | 80   | true",
        "10.20.0.0/16:8080     | 10.20.3.4           | 8080 | true",
        "10.20.0.0/16:8080     | 10.21.3.4           | 8080 | false",
        "10.20.0.0/16:8080     | 10.20.3.4           | 9090 | false",
        "fd00::/8              | fd12::1             | 443  | true",
        "[fd00::/8]:8080       | fd12::1             | 8080 | true",
        "[fd00::/8]:8080       | fd12::1             | 443  | false",
        "127.0.0.1:8000        | ::ffff:127.0.0.1    | 8000 | true",
      })
  void an_entry_allows_its_host_on_its_port(String entry, String target, int port, boolean allowed)
      throws UnknownHostException {
    HostAllowList list = new HostAllowList(List.of(entry.strip()));
    String host = target.strip();

    boolean byName = !host.contains(":") && !host.matches("[0-9.]+") && list.allowsHost(host, port);
    boolean byAddress =
        (host.contains(":") || host.matches("[0-9.]+")) && list.allowsAddress(ip(host), port);

    assertThat(byName || byAddress).isEqualTo(allowed);
  }

  @ParameterizedTest(name = "\"{0}\" fails at start")
  @CsvSource(
      delimiter = '|',
      value = {
        "10.0.0.0/33",
        "corp.example/8",
        "docs.internal:0",
        "docs.internal:70000",
        "docs.internal:http",
        "docs.internal:",
        "[fd00::5",
        "[fd00::5]8080",
        "*.10.0.0.1",
        "256.1.1.1",
        "docs internal",
        "[fd00::/129]:80",
      })
  void an_entry_that_is_not_a_host_and_port_fails_with_the_forms_it_may_take(String entry) {
    assertThatThrownBy(() -> new HostAllowList(List.of(entry.strip())))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "tools.web.allow-hosts: '"
                + entry.strip()
                + "' is not host:port, *.suffix:port, IP:port ([IPv6]:port) or CIDR-range:port"
                + " (without a port, ports 80 and 443)");
  }
}
