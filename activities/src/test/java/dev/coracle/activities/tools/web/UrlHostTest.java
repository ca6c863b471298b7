package dev.coracle.activities.tools.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Hosts as chromium reads them (the WHATWG URL standard), not as java.net reads them. */
class UrlHostTest {

  @ParameterizedTest(name = "{0} is {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        // IPv4 in every spelling the standard accepts: octal, hex, 1 to 4 parts, trailing dot.
        "127.0.0.1          | 127.0.0.1",
        "0177.0.0.1         | 127.0.0.1",
        "0x7f.0.0.1         | 127.0.0.1",
        "0X7F.0.0.1         | 127.0.0.1",
        "0x7f.1             | 127.0.0.1",
        "127.1              | 127.0.0.1",
        "127.0.1            | 127.0.0.1",
        "2130706433         | 127.0.0.1",
        "017700000001       | 127.0.0.1",
        "0x7f000001         | 127.0.0.1",
        "127.000.000.001    | 127.0.0.1",
        "127.0.0.1.         | 127.0.0.1",
        "0x7f.0x0.0.0x1     | 127.0.0.1",
        "0                  | 0.0.0.0",
        "0x                 | 0.0.0.0",
        "169.254.43518      | 169.254.169.254",
        "0251.0376.0251.0376 | 169.254.169.254",
        "%31%32%37.0.0.1    | 127.0.0.1",
        "１２７.０.０.１    | 127.0.0.1",
        "1.2.3.4            | 1.2.3.4",
        // IPv6, serialized compressed; the address inside a mapped one is what is connected to.
        "[::1]                       | ::1",
        "[0:0:0:0:0:0:0:1]           | ::1",
        "[::ffff:127.0.0.1]          | ::ffff:7f00:1",
        "[::FFFF:7F00:1]             | ::ffff:7f00:1",
        "[fd00::5]                   | fd00::5",
        "[1:0:0:2:0:0:0:3]           | 1:0:0:2::3",
        "[::1.2.3.4]                 | ::102:304",
        "[64:ff9b::169.254.169.254]  | 64:ff9b::a9fe:a9fe",
        "[1::]                       | 1::",
        // Names: lower case, ASCII (IDNA), kept when the last label is not a number.
        "Example.COM        | example.com",
        "bücher.example     | xn--bcher-kva.example",
        "foo.bar09x         | foo.bar09x",
        "0x7g.example       | 0x7g.example",
        "1.2.3.example      | 1.2.3.example",
      })
  void reads_a_host_as_the_browser_does(String input, String serialized) {
    UrlHost host = UrlHost.parse(input.strip());

    assertThat(host.text()).isEqualTo(serialized.strip());
  }

  @ParameterizedTest(name = "{0} is the address {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "0177.0.0.1         | 127.0.0.1",
        "[::ffff:127.0.0.1] | 127.0.0.1",
        "[::1]              | 0:0:0:0:0:0:0:1",
        "2130706433         | 127.0.0.1",
      })
  void an_ip_host_carries_its_address(String input, String address) {
    UrlHost host = UrlHost.parse(input.strip());

    assertThat(host.isIp()).isTrue();
    assertThat(host.address().getHostAddress()).isEqualTo(address.strip());
  }

  @ParameterizedTest(name = "{0} is refused")
  @CsvSource(
      delimiter = '|',
      value = {
        // Ends in a number, so it must be IPv4, and is not a valid one.
        "256.0.0.1",
        "1.2.3.4.5",
        "1.256.3.4",
        "4294967296",
        "0x100000000",
        "1.2.3.09",
        "08",
        "foo.09",
        "foo.0x",
        "example.1",
        "1.2.3.4..",
        // IPv6 the standard rejects (Java would take the zone id).
        "[::1%eth0]",
        "[1:2:3:4:5:6:7:8:9]",
        "[1::2::3]",
        "[::1",
        "[:1]",
        "[::127.0.0.01]",
        "[::1.2.3]",
        "[1:2:3:4:5:6:7:1.2.3.4]",
        "[fd00::g]",
        // Characters no host may have.
        "exa mple.com",
        "a<b.example",
        "a%2fb.example",
        "a^b.example",
      })
  void refuses_what_the_browser_refuses(String input) {
    assertThatThrownBy(() -> UrlHost.parse(input.strip()))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
