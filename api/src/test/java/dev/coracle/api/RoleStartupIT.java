package dev.coracle.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A split role that cannot reach what it needs says so in one line and exits with status 2: no
 * external Temporal named, Temporal not answering, a store that does not open.
 */
class RoleStartupIT {
  @TempDir Path temp;

  private final List<CoracleProcess> processes = new ArrayList<>();

  @AfterEach
  void stop() {
    processes.forEach(CoracleProcess::close);
  }

  @Test
  void api_without_an_external_temporal_says_how_to_get_one() throws Exception {
    CoracleProcess api = launch("api");

    assertThat(api.awaitExit(Duration.ofSeconds(60))).isEqualTo(2);
    assertThat(api.stderrText().strip())
        .isEqualTo(
            "coracle: coracle api needs an external Temporal: --temporal HOST:PORT (for one"
                + " machine, run 'coracle temporal' first and use --temporal 127.0.0.1:7233)");
  }

  @Test
  void worker_with_temporal_not_answering_names_the_address_in_one_line() throws Exception {
    int closed = CoracleProcess.freePort();
    CoracleProcess worker = launch("worker", "--temporal", "127.0.0.1:" + closed);

    assertThat(worker.awaitExit(Duration.ofSeconds(60))).isEqualTo(2);
    assertThat(worker.stderrText().lines().filter(l -> l.startsWith("coracle:")))
        .singleElement()
        .satisfies(
            line ->
                assertThat(line)
                    .startsWith("coracle: cannot reach Temporal at 127.0.0.1:" + closed));
    assertThat(worker.stderrText()).doesNotContain("\tat ");
  }

  @Test
  void worker_whose_store_does_not_open_says_which_store() throws Exception {
    int port = CoracleProcess.freePort();
    CoracleProcess temporal = launch("temporal", "--port", Integer.toString(port));
    temporal.awaitOutput("coracle temporal ready", Duration.ofSeconds(60));
    Path notADirectory = Files.writeString(temp.resolve("plain-file"), "x");
    String store = notADirectory.resolve("coracle.db").toString();

    CoracleProcess worker = launch("worker", "--temporal", "127.0.0.1:" + port, "--store", store);

    assertThat(worker.awaitExit(Duration.ofSeconds(60))).isEqualTo(2);
    assertThat(worker.stderrText().lines().filter(l -> l.startsWith("coracle:")))
        .singleElement()
        .satisfies(line -> assertThat(line).startsWith("coracle: cannot open the store " + store));
  }

  private CoracleProcess launch(String role, String... args) throws Exception {
    Path home = Files.createDirectories(temp.resolve("home-" + processes.size()));
    Path logs = Files.createDirectories(temp.resolve("logs"));
    CoracleProcess process = CoracleProcess.launchRole(role, home, logs, Map.of(), args);
    processes.add(process);
    return process;
  }
}
