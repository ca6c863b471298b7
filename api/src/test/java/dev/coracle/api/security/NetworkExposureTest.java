package dev.coracle.api.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coracle.activities.config.ConfigException;
import dev.coracle.activities.config.CoracleConfig.ServerConfig;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NetworkExposureTest {

  private static ServerConfig server(String host, String key) {
    return new ServerConfig(host, 8787, 1024, key, List.of());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "127.0.0.1",
        "127.1.2.3",
        "localhost",
        "LOCALHOST",
        "::1",
        "[::1]",
        "0:0:0:0:0:0:0:1"
      })
  void loopback_addresses_need_no_key(String host) {
    assertThat(NetworkExposure.isLoopback(host)).isTrue();
    assertThatCode(() -> NetworkExposure.check(server(host, ""))).doesNotThrowAnyException();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "0.0.0.0",
        "::",
        "[::]",
        "192.168.1.5",
        "10.0.0.1",
        "my-laptop",
        "localhost.lan",
        "128.0.0.1",
        "::2"
      })
  void any_other_address_without_a_key_stops_start_up_with_one_line(String host) {
    assertThat(NetworkExposure.isLoopback(host)).isFalse();
    assertThatThrownBy(() -> NetworkExposure.check(server(host, " ")))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "refusing to listen on "
                + host
                + " without an API key: set CORACLE_API_KEY (server.api-key), or listen on"
                + " 127.0.0.1");
  }

  @ParameterizedTest
  @ValueSource(strings = {"0.0.0.0", "192.168.1.5"})
  void any_address_is_fine_with_a_key(String host) {
    assertThatCode(() -> NetworkExposure.check(server(host, "k"))).doesNotThrowAnyException();
  }

  @ParameterizedTest
  @ValueSource(strings = {"0.0.0.0", "::", "192.168.1.5", "my-laptop"})
  void temporal_stays_on_loopback_when_the_api_listens_beyond_it(String host) {
    assertThat(NetworkExposure.temporalHost(server(host, "k-1"))).isEqualTo("127.0.0.1");
  }

  @ParameterizedTest
  @ValueSource(strings = {"127.0.0.1", "127.0.0.2", "localhost", "::1"})
  void temporal_shares_a_loopback_host(String host) {
    assertThat(NetworkExposure.temporalHost(server(host, ""))).isEqualTo(host);
  }
}
