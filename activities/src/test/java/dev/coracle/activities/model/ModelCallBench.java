package dev.coracle.activities.model;

import com.sun.management.OperatingSystemMXBean;
import dev.coracle.activities.guard.Guardrails;
import dev.coracle.activities.providers.ModelInvoker;
import dev.coracle.activities.store.MutableClock;
import dev.coracle.activities.workspace.TestWorkspaces;
import dev.coracle.workflows.chat.ChatMessage;
import dev.coracle.workflows.chat.SamplingParams;
import dev.coracle.workflows.model.ModelCall;
import dev.coracle.workflows.model.ModelTarget;
import io.micronaut.context.ApplicationContext;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * Measures one pass-through model call inside the process, without Temporal or the HTTP server: the
 * whole activity ({@link ModelActivitiesImpl#call(ModelCall)}) and its parts (the quota
 * reservation, the guard, the HTTP call with LangChain4j's mapping), each for wall time, the
 * calling thread's CPU time and the whole process's CPU time per call. Not a test: run it by hand
 * against an upstream in another process, so that the process CPU is coracle's alone, e.g. {@code
 * node deploy/bench/fake_openai.mjs 18099} and then
 *
 * <pre>
 * java -cp "$CP" dev.coracle.activities.model.ModelCallBench http://127.0.0.1:18099/v1 20000
 * </pre>
 *
 * <p>A third argument ({@code whole}, {@code reserve}, {@code guard}, {@code http}) measures that
 * part alone, for a profile of it.
 *
 * <p>(see docs/benchmarks.md, "Request path profile", for the class path).
 */
public final class ModelCallBench {

  private ModelCallBench() {}

  public static void main(String[] args) throws Exception {
    String baseUrl = args[0];
    int calls = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
    Path dir = Files.createTempDirectory("coracle-bench");
    String yaml =
        """
        local:
          ollama:
            enabled: false
        providers:
          - name: fake
            kind: openai-compatible
            base-url: "%s"
            api-key: "${FAKE_KEY:x}"
            models: ["fake-model"]
        """
            .formatted(baseUrl);
    try (ApplicationContext context =
        TestWorkspaces.start(
            dir.resolve("coracle.db"),
            new MutableClock(Instant.now()),
            TestWorkspaces.config(dir.resolve("home"), yaml))) {
      ModelActivitiesImpl activity = context.getBean(ModelActivitiesImpl.class);
      QuotaGate quota = context.getBean(QuotaGate.class);
      Guardrails guard = context.getBean(Guardrails.class);
      ModelInvoker invoker = context.getBean(ModelInvoker.class);
      ProviderCatalog catalog = context.getBean(ProviderCatalog.class);
      ModelTarget target = new ModelTarget("fake", "fake-model", false, 1);
      List<ChatMessage> messages =
          List.of(new ChatMessage("user", "What is the capital of France? Answer in one line."));
      SamplingParams params = SamplingParams.defaults();
      ConfiguredProvider provider = catalog.find("fake").orElseThrow();

      IntConsumer whole =
          i -> activity.call(new ModelCall(target, messages, params, null, "bench-" + i, "fast"));
      IntConsumer reserve = i -> quota.reserve(target, 40);
      IntConsumer guarded = i -> guard.forCloud(messages, "bench-" + i, "fast");
      IntConsumer http =
          i -> invoker.invoke(provider.endpoint(), "fake-model", messages, params, null);

      String only = args.length > 2 ? args[2] : "";
      for (int round = 0; round < 2; round++) {
        System.out.println("round " + (round + 1) + (round == 0 ? " (warm-up)" : ""));
        if (only.isEmpty() || only.equals("whole")) {
          measure("model activity, whole call", calls, whole);
        }
        if (only.isEmpty() || only.equals("reserve")) {
          measure("quota reservation", calls, reserve);
        }
        if (only.isEmpty() || only.equals("guard")) {
          measure("guard (redaction)", calls, guarded);
        }
        if (only.isEmpty() || only.equals("http")) {
          measure("HTTP call and mapping", calls, http);
        }
      }
    }
  }

  private static void measure(String name, int calls, IntConsumer body) {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    long[] wall = new long[calls];
    long threadCpu0 = threads.getCurrentThreadCpuTime();
    long processCpu0 = os.getProcessCpuTime();
    long start = System.nanoTime();
    for (int i = 0; i < calls; i++) {
      long t0 = System.nanoTime();
      body.accept(i);
      wall[i] = System.nanoTime() - t0;
    }
    long elapsed = System.nanoTime() - start;
    long threadCpu = threads.getCurrentThreadCpuTime() - threadCpu0;
    long processCpu = os.getProcessCpuTime() - processCpu0;
    Arrays.sort(wall);
    System.out.printf(
        "  %-28s wall p50 %6.1f µs, p99 %7.1f µs, mean %6.1f µs; CPU per call: this thread %6.1f"
            + " µs, process %6.1f µs; %,.0f calls/s%n",
        name,
        wall[calls / 2] / 1e3,
        wall[(int) (calls * 0.99)] / 1e3,
        elapsed / 1e3 / calls,
        threadCpu / 1e3 / calls,
        processCpu / 1e3 / calls,
        calls / (elapsed / 1e9));
  }
}
