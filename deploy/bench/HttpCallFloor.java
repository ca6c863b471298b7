import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The client half of one upstream call, alone: what a JVM pays in CPU to send a chat completion to
 * the fake upstream and read its answer, with the JDK HTTP client set up as coracle's plain calls
 * to a plain-http upstream are (HTTP/1.1, responses completed on the selector thread), and nothing
 * else: no LangChain4j, no JSON parsing, no workflow. deploy/bench/compare.sh runs it as its
 * "upstream call" row, so that coracle's HTTP door, Temporal's floor and this add up to the least
 * CPU a pass-through that is a workflow can cost.
 *
 * <p>Run as a single source file, with no dependencies beyond the JDK: {@code java
 * HttpCallFloor.java <url> <concurrency> <seconds> <warmup seconds>}. Prints one JSON object in
 * the shape of {@code coracle bench temporal-floor --json}: calls per second, p50 and p99 in
 * milliseconds, calls completed and failed, and the process's CPU milliseconds (user and system,
 * as in /proc/self/stat) over the measured run. Exits with 1 if no call was answered.
 */
public final class HttpCallFloor {
  private static final String BODY =
      "{\"model\":\"fake-model\",\"messages\":[{\"role\":\"user\","
          + "\"content\":\"What is the capital of France?\"}]}";

  public static void main(String[] args) throws InterruptedException {
    if (args.length != 4) {
      System.err.println("usage: java HttpCallFloor.java <url> <concurrency> <seconds> <warmup>");
      System.exit(2);
    }
    URI url = URI.create(args[0]);
    int concurrency = Integer.parseInt(args[1]);
    double seconds = Double.parseDouble(args[2]);
    double warmup = Double.parseDouble(args[3]);
    HttpClient client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .executor(Runnable::run)
            .build();
    HttpRequest request =
        HttpRequest.newBuilder(url)
            .header("content-type", "application/json")
            .header("authorization", "Bearer x")
            .POST(HttpRequest.BodyPublishers.ofString(BODY))
            .build();
    if (warmup > 0) {
      run(client, request, concurrency, warmup);
    }
    long cpuBefore = processCpuNanos();
    long begun = System.nanoTime();
    List<Caller> callers = run(client, request, concurrency, seconds);
    double elapsed = (System.nanoTime() - begun) / 1e9;
    double cpuMs = (processCpuNanos() - cpuBefore) / 1e6;
    long[] all = callers.stream().flatMapToLong(c -> Arrays.stream(c.nanos, 0, c.count)).toArray();
    Arrays.sort(all);
    long failed = callers.stream().mapToLong(c -> c.failed).sum();
    System.out.printf(
        Locale.ROOT,
        "{\"concurrency\":%d,\"rps\":%.1f,\"p50\":%.3f,\"p99\":%.3f,\"completed\":%d,"
            + "\"failed\":%d,\"cpuMs\":%.1f,\"cpuMsPerCall\":%.3f}%n",
        concurrency,
        all.length / elapsed,
        percentile(all, 0.50),
        percentile(all, 0.99),
        all.length,
        failed,
        cpuMs,
        all.length > 0 ? cpuMs / all.length : 0);
    // No call answered means the fake is not there: a figure of nothing must not pass for one.
    System.exit(all.length > 0 ? 0 : 1);
  }

  /** {@code concurrency} callers, each sending the request and reading the answer in turn. */
  private static List<Caller> run(
      HttpClient client, HttpRequest request, int concurrency, double seconds)
      throws InterruptedException {
    long end = System.nanoTime() + (long) (seconds * 1e9);
    List<Caller> callers = new ArrayList<>();
    for (int i = 0; i < concurrency; i++) {
      Caller caller = new Caller(client, request, end);
      caller.thread.start();
      callers.add(caller);
    }
    for (Caller caller : callers) {
      caller.thread.join();
    }
    return callers;
  }

  /** The CPU time of this whole process: every thread, the JIT compiler's included. */
  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean)
            ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  private static double percentile(long[] sorted, double p) {
    if (sorted.length == 0) {
      return 0;
    }
    int index = (int) Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1);
    return sorted[Math.max(0, index)] / 1e6;
  }

  /** One caller: a call, its answer read in full, then the next, until the deadline. */
  private static final class Caller {
    private final Thread thread;
    private long[] nanos = new long[1024];
    private int count;
    private long failed;

    Caller(HttpClient client, HttpRequest request, long end) {
      this.thread = new Thread(() -> loop(client, request, end), "http-call-floor-caller");
    }

    private void loop(HttpClient client, HttpRequest request, long end) {
      while (System.nanoTime() < end) {
        long begun = System.nanoTime();
        try {
          HttpResponse<byte[]> response =
              client.send(request, HttpResponse.BodyHandlers.ofByteArray());
          if (response.statusCode() == 200) {
            record(System.nanoTime() - begun);
          } else {
            failed++;
          }
        } catch (java.io.IOException e) {
          failed++;
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }

    private void record(long took) {
      if (count == nanos.length) {
        nanos = Arrays.copyOf(nanos, count * 2);
      }
      nanos[count++] = took;
    }
  }
}
