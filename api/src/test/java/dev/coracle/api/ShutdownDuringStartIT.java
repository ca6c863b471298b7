package dev.coracle.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coracle.fakes.FakeOpenAiServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A SIGTERM at any moment of start-up, including while the embedding model's native session is
 * being created in the background, stops coracle cleanly: status 0, no JVM crash report.
 */
class ShutdownDuringStartIT {
  @TempDir Path home;
  @TempDir Path logs;

  /**
   * @param afterMillis when to send SIGTERM: a positive number is milliseconds after launch (still
   *     starting); 0 is as soon as the API answers, which is when the background warm-up starts
   *     creating the model's native session; a negative number is that many milliseconds later
   */
  @ParameterizedTest
  @ValueSource(ints = {2000, 0, -700})
  void sigterm_during_start_up_and_warm_up_exits_cleanly(int afterMillis)
      throws IOException, InterruptedException {
    try (FakeOpenAiServer cloud = new FakeOpenAiServer().start()) {
      Files.writeString(
          home.resolve("coracle.yml"),
          CoracleUnderTest.cloudOnly(
              "providers:\n" + CoracleUnderTest.openAiProvider("fake", cloud.baseUrl(), "echo")));
      try (CoracleProcess coracle = CoracleProcess.launch(home, logs, Map.of())) {
        if (afterMillis > 0) {
          Thread.sleep(afterMillis);
        } else {
          coracle.awaitReady(Duration.ofSeconds(60));
          Thread.sleep(-afterMillis);
        }
        coracle.process.destroy(); // SIGTERM

        int status = coracle.awaitExit(Duration.ofSeconds(60));

        String crashReport = "hs_err_pid" + coracle.process.pid() + ".log";
        assertThat(Path.of(crashReport)).as("a JVM crash report").doesNotExist();
        assertThat(home.resolve(crashReport)).doesNotExist();
        assertThat(coracle.stdoutText()).doesNotContain("SIGSEGV").contains("coracle: stopped");
        assertThat(status).as(coracle.stderrText()).isZero();
        assertThat(coracle.stderrText()).doesNotContain("Exception");
      }
    }
  }
}
