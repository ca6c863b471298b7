package dev.coracle.api.security;

import static dev.coracle.api.HttpCalls.get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.coracle.api.CoracleProcess;
import dev.coracle.api.CoracleUnderTest;
import dev.coracle.api.server.StartupSummary;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Listening where other machines can connect takes an API key. */
class ListeningBeyondLoopbackIT {
  @TempDir Path home;
  @TempDir Path logs;

  @Test
  void serve_on_every_address_without_a_key_is_one_clear_line_and_exit_2() {
    try (CoracleProcess coracle =
        CoracleProcess.launch(home, logs, Map.of(), "--host", "0.0.0.0")) {
      assertThat(coracle.awaitExit(Duration.ofSeconds(60))).isEqualTo(2);
      assertThat(coracle.stderrText().strip())
          .isEqualTo(
              "coracle: refusing to listen on 0.0.0.0 without an API key: set CORACLE_API_KEY"
                  + " (server.api-key), or listen on 127.0.0.1");
    }
  }

  @Test
  void with_a_key_it_listens_on_every_address_and_still_wants_the_key() throws IOException {
    int temporalPort = freePort();
    try (CoracleUnderTest coracle =
        CoracleUnderTest.start(
            home,
            CoracleUnderTest.cloudOnly(""),
            Map.of(
                "CORACLE_SERVER_HOST",
                "0.0.0.0",
                "CORACLE_API_KEY",
                "k-123",
                "CORACLE_TEMPORAL_EMBEDDED_PORT",
                String.valueOf(temporalPort)))) {
      HttpResponse<String> health = get(coracle.url("/health"));
      HttpResponse<String> withoutKey = get(coracle.url("/v1/models"));
      HttpResponse<String> withKey = get(coracle.url("/v1/models"), "x-api-key", "k-123");

      assertThat(StartupSummary.describe(coracle.server(), Duration.ofMillis(1)))
          .contains(
              "  access        API key required (server.api-key) on every route but /health;"
                  + " web pages refused\n");
      assertThat(health.statusCode()).isEqualTo(200);
      assertThat(withoutKey.statusCode()).isEqualTo(401);
      assertThat(withKey.statusCode()).isEqualTo(200);
      // Temporal's port has no key: it stays on loopback, whatever server.host says.
      assertThat(connects("127.0.0.1", temporalPort)).isTrue();
      Optional<InetAddress> outside = nonLoopbackAddress();
      assumeThat(outside).as("this machine has an address other than loopback").isPresent();
      assertThat(connects(outside.get().getHostAddress(), temporalPort)).isFalse();
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static boolean connects(String host, int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(host, port), 2_000);
      return true;
    } catch (IOException refused) {
      return false;
    }
  }

  private static Optional<InetAddress> nonLoopbackAddress() throws IOException {
    return NetworkInterface.networkInterfaces()
        .filter(nic -> !isLoopback(nic))
        .flatMap(NetworkInterface::inetAddresses)
        .filter(address -> address instanceof Inet4Address)
        .findFirst();
  }

  private static boolean isLoopback(NetworkInterface nic) {
    try {
      return nic.isLoopback() || !nic.isUp();
    } catch (IOException e) {
      return true;
    }
  }
}
