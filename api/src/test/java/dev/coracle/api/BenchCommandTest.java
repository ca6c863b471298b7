package dev.coracle.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.coracle.activities.json.CoracleJson;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code coracle bench temporal-floor --json}: the line deploy/bench/compare.mjs reads, with the
 * process's CPU time over the measured run only.
 */
class BenchCommandTest {

  @Test
  void reports_the_cpu_time_of_the_measured_run_per_workflow() throws Exception {
    long begun = processCpuNanos();
    Run run = floor("--concurrency", "2", "--seconds", "1", "--warmup", "3", "--json");
    double commandCpuMs = (processCpuNanos() - begun) / 1e6;

    assertThat(run.exit).isZero();
    // Its last line, as compare.mjs reads it: the embedded server may log before it.
    String[] lines = run.out.strip().split("\n");
    JsonNode line = CoracleJson.mapper().readTree(lines[lines.length - 1]);
    long completed = line.get("completed").asLong();
    double cpuMs = line.get("cpuMs").asDouble();
    assertThat(completed).isPositive();
    assertThat(line.get("failed").asLong()).isZero();
    // The measured second only: the embedded server's start-up and the three seconds of warm-up,
    // which this test's process also spent running the command, are not in it.
    assertThat(cpuMs).isPositive();
    assertThat(cpuMs).isLessThan(0.6 * commandCpuMs);
    assertThat(line.get("cpuMsPerWorkflow").asDouble())
        .isCloseTo(cpuMs / completed, within(0.001 + 0.05 / completed));
  }

  @Test
  void prints_the_cpu_time_per_workflow_in_its_text_line() {
    Run run = floor("--concurrency", "1", "--seconds", "1", "--warmup", "0");

    assertThat(run.exit).isZero();
    assertThat(run.out)
        .containsPattern("temporal floor, c=1: .*, \\d+\\.\\d{3} CPU ms per workflow");
  }

  private record Run(int exit, String out) {}

  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  private static Run floor(String... options) {
    String[] args = new String[options.length + 2];
    args[0] = "bench";
    args[1] = "temporal-floor";
    System.arraycopy(options, 0, args, 2, options.length);
    PrintStream original = System.out;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    try {
      int exit = new CommandLine(new Coracle()).execute(args);
      return new Run(exit, out.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(original);
    }
  }
}
