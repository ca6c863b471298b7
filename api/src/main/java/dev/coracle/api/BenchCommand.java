package dev.coracle.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.coracle.activities.json.CoracleJson;
import dev.coracle.worker.TemporalFloor;
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
        TemporalFloor.Result result = floor.run(concurrency, Duration.ofSeconds(seconds));
        System.out.println(json ? asJson(result) : asText(result));
        return result.completed() > 0 ? 0 : 1;
      }
    }

    private static String asText(TemporalFloor.Result r) {
      return String.format(
          Locale.ROOT,
          "temporal floor, c=%d: %.0f workflows/s, p50 %.2f ms, p99 %.2f ms, %d completed,"
              + " %d failed, %d started eagerly",
          r.concurrency(),
          r.perSecond(),
          r.p50Ms(),
          r.p99Ms(),
          r.completed(),
          r.failed(),
          r.eager());
    }

    private static String asJson(TemporalFloor.Result r) {
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
                    r.eager()));
      } catch (JsonProcessingException e) {
        throw new IllegalStateException("could not write the floor's result as JSON", e);
      }
    }

    /** {@code value} to the nearest {@code 1 / scale}, so the line reads like autocannon's. */
    private static double rounded(double value, int scale) {
      return Math.round(value * scale) / (double) scale;
    }

    /** The floor's result as {@code deploy/bench/compare.mjs} reads it, in autocannon's terms. */
    record FloorLine(
        int concurrency,
        double rps,
        double p50,
        double p99,
        long completed,
        long failed,
        long eager) {}
  }
}
