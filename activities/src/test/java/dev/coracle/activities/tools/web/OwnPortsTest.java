package dev.coracle.activities.tools.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coracle.activities.config.ConfigLoader;
import dev.coracle.activities.config.LoadedConfig;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which ports are coracle's, read from a real configuration, and where they are refused. */
class OwnPortsTest {

  @TempDir Path home;

  static InetAddress ip(String text) throws UnknownHostException {
    return InetAddress.getByName(text);
  }

  @Test
  void the_default_config_names_the_api_port_and_the_embedded_temporal_port()
      throws UnknownHostException {
    OwnPorts own = new OwnPorts(ConfigLoader.load(home, Map.of()));

    assertThat(own.refusal("127.0.0.1", 8787, ip("127.0.0.1")))
        .contains(
            "refused: 127.0.0.1:8787 is coracle's HTTP API and MCP endpoint (server.port); tools"
                + " never reach coracle itself, whatever tools.web.allow-hosts says");
    assertThat(own.refusal("localhost", 7233, ip("::1")))
        .hasValueSatisfying(
            m ->
                assertThat(m)
                    .contains("coracle's embedded Temporal server (temporal.embedded-port)"));
    assertThat(own.refusal("127.0.0.1", 8788, ip("127.0.0.1"))).isEmpty();
  }

  @Test
  void configured_ports_are_read_from_coracle_yml_and_the_environment() throws Exception {
    LoadedConfig loaded =
        ConfigLoader.load(
            home,
            Map.of(
                "CORACLE_SERVER_PORT", "9911",
                "CORACLE_TEMPORAL_TARGET", "temporal.corp.example:7234"));
    OwnPorts own = new OwnPorts(loaded);

    assertThat(own.refusal("127.0.0.1", 9911, ip("127.0.0.1"))).isPresent();
    assertThat(own.refusal("127.0.0.1", 8787, ip("127.0.0.1"))).isEmpty();
    // An external cluster is refused by its name and port wherever it resolves to.
    assertThat(own.refusal("temporal.corp.example", 7234, ip("93.184.215.14")))
        .hasValueSatisfying(m -> assertThat(m).contains("(temporal.target)"));
    assertThat(own.refusal("127.0.0.1", 7234, ip("127.0.0.1"))).isPresent();
    assertThat(own.refusal("127.0.0.1", 7233, ip("127.0.0.1"))).isEmpty();
  }

  @Test
  void an_own_port_is_refused_on_every_address_of_this_machine_and_on_no_other() throws Exception {
    OwnPorts own = new OwnPorts().add(8787, "coracle's HTTP API and MCP endpoint (server.port)");

    for (String local : new String[] {"127.0.0.1", "127.9.9.9", "::1", "0.0.0.0", "::"}) {
      assertThat(own.refusal(local, 8787, ip(local))).as(local).isPresent();
    }
    for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
      for (InetAddress address : Collections.list(nic.getInetAddresses())) {
        assertThat(own.refusal("this-machine", 8787, address)).as(address.toString()).isPresent();
      }
    }
    assertThat(own.refusal("public.example", 8787, ip("93.184.215.14"))).isEmpty();
    assertThat(own.refusal("public.example", 8787)).isEqualTo(Optional.empty());
  }

  @Test
  void a_port_of_zero_is_not_a_port_until_it_is_bound() {
    OwnPorts own = new OwnPorts().add(0, "not bound yet");

    assertThat(own.refusal("127.0.0.1", 0, InetAddress.getLoopbackAddress())).isEmpty();
  }
}
