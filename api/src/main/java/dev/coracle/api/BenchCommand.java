package dev.coracle.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.coracle.activities.json.CoracleJson;
import dev.coracle.worker.TemporalFloor;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code coracle bench temporal-floor}: what Temporal alone costs per workflow on this machine,
 * measured with the same embedded server a chat runs on. Hidden: it is a measuring tool for {@code
 * deploy/bench/compare.sh}, and loads nothing until it is run.
 */
@Command(
    name = "bench",
    hidden = true,
    mixinStandardHelpOptions = true,
    description = "Measuring tools.",
    subcommands = {BenchCommand.TemporalFloorCommand.class})
final class BenchCommand implements Runnable {

  @Override
  public void run() {
    new picocli.CommandLine(this).usage(System.out);
  }

  @Command(
      name = "temporal-floor",
      mixinStandardHelpOptions = true,
      description =
          "Start and await the cheapest workflow (one local activity) on a fresh embedded"
              + " Temporal server in this process, from N callers at once, and print workflows per"
              + " second and p50/p99 latency.")
  static final class TemporalFloorCommand implements Callable<Integer> {
    @Option(
        names = "--concurrency",
        description = "Callers at once (default: ${DEFAULT-VALUE}).",
        defaultValue = "1")
    int concurrency;

    @Option(
        names = "--seconds",
        description = "How long to measure (default: ${DEFAULT-VALUE}).",
        defaultValue = "8")
    int seconds;

    @Option(
        names = "--warmup",
        description =
            "Seconds to run first, unmeasured, so the JIT has compiled the path"
                + " (default: ${DEFAULT-VALUE}).",
        defaultValue = "2")
    int warmup;

    @Option(names = "--json", description = "Print one JSON object instead of a line of text.")
    boolean json;

    @Override
    public Integer call() throws InterruptedException {
      if (concurrency < 1 || seconds < 1 || warmup < 0) {
        System.err.println("--concurrency and --seconds must be at least 1, --warmup at least 0");
        return 2;
      }
      try (TemporalFloor floor = TemporalFloor.start()) {
        if (warmup > 0) {
          floor.run(concurrency, Duration.ofSeconds(warmup));
        }
        long cpuBefore = processCpuNanos();
        TemporalFloor.Result result = floor.run(concurrency, Duration.ofSeconds(seconds));
        double cpuMs = (processCpuNanos() - cpuBefore) / 1e6;
        System.out.println(json ? asJson(result, cpuMs) : asText(result, cpuMs));
        return result.completed() > 0 ? 0 : 1;
      }
    }

    /**
     * CPU time (user and system, all threads) this process has used: on Linux the {@code utime +
     * stime} of {@code /proc/self/stat}, which is how {@code deploy/bench/compare.sh} reads the
     * other processes it measures. Taken around the measured run only, it is the floor's CPU per
     * workflow: server, worker, client and the JIT compiler alike.
     */
    private static long processCpuNanos() {
      return ((com.sun.management.OperatingSystemMXBean)
              ManagementFactory.getOperatingSystemMXBean())
          .getProcessCpuTime();
    }

    /** CPU milliseconds per completed workflow, or 0 if none completed. */
    private static double cpuMsPerWorkflow(TemporalFloor.Result r, double cpuMs) {
      return r.completed() > 0 ? cpuMs / r.completed() : 0;
    }

    private static String asText(TemporalFloor.Result r, double cpuMs) {
      return String.format(
          Locale.ROOT,
          "temporal floor, c=%d: %.0f workflows/s, p50 %.2f ms, p99 %.2f ms, %d completed,"
              + " %d failed, %d started eagerly, %.3f CPU ms per workflow",
          r.concurrency(),
          r.perSecond(),
          r.p50Ms(),
          r.p99Ms(),
          r.completed(),
          r.failed(),
          r.eager(),
          cpuMsPerWorkflow(r, cpuMs));
    }

    private static String asJson(TemporalFloor.Result r, double cpuMs) {
      try {
        return CoracleJson.mapper()
            .writeValueAsString(
                new FloorLine(
                    r.concurrency(),
                    rounded(r.perSecond(), 10),
                    rounded(r.p50Ms(), 1000),
                    rounded(r.p99Ms(), 1000),
                    r.completed(),
                    r.failed(),
                    r.eager(),
                    rounded(cpuMs, 10),
                    rounded(cpuMsPerWorkflow(r, cpuMs), 1000)));
      } catch (JsonProcessingException e) {
        throw new IllegalStateException("could not write the floor's result as JSON", e);
      }
    }

    /** {@code value} to the nearest {@code 1 / scale}, so the line reads like autocannon's. */
    private static double rounded(double value, int scale) {
      return Math.round(value * scale) / (double) scale;
    }

    /**
     * The floor's result as {@code deploy/bench/compare.mjs} reads it, in autocannon's terms, with
     * the process's CPU milliseconds over the measured run and per completed workflow.
     */
    record FloorLine(
        int concurrency,
        double rps,
        double p50,
        double p99,
        long completed,
        long failed,
        long eager,
        double cpuMs,
        double cpuMsPerWorkflow) {}
  }
}
