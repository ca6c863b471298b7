package dev.coracle.worker;

import com.uber.m3.tally.NoopScope;
import dev.coracle.worker.floor.FloorActivitiesImpl;
import dev.coracle.worker.floor.FloorWorkflow;
import dev.coracle.worker.floor.FloorWorkflowImpl;
import dev.coracle.worker.visibility.ArchivedExecutions;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.worker.WorkerFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Temporal's own floor on this machine: the cheapest workflow ({@link FloorWorkflow}, one local
 * activity) started and awaited in-process, through the same embedded server, channel, client and
 * worker settings a chat uses. Nothing of coracle's own (HTTP, store, models) runs, so the gap
 * between this and a chat's row is coracle's work.
 */
public final class TemporalFloor implements AutoCloseable {
  private static final String QUEUE = "coracle-floor";

  private final ServerGeneration server;
  private final WorkflowServiceStubs stubs;
  private final WorkflowClient client;
  private final WorkerFactory workers;
  private final AtomicLong ids = new AtomicLong();

  private TemporalFloor() {
    this.server = ServerGeneration.start(1, ArchivedExecutions.NONE);
    this.stubs = InProcessStubs.on(server.channel(), new NoopScope());
    this.client =
        WorkflowClient.newInstance(
            stubs, WorkflowClientOptions.newBuilder().setNamespace("default").build());
    this.workers = WorkerFactory.newInstance(client);
    var worker = workers.newWorker(QUEUE, WorkerTuning.main());
    worker.registerWorkflowImplementationTypes(FloorWorkflowImpl.class);
    worker.registerActivitiesImplementations(new FloorActivitiesImpl());
    workers.start();
  }

  /** Starts a fresh embedded server with a worker polling it. */
  public static TemporalFloor start() {
    return new TemporalFloor();
  }

  /**
   * What {@code concurrency} callers, each starting a workflow and waiting for its result and then
   * the next, got in {@code duration}.
   *
   * @param completed workflows that returned their result
   * @param failed starts or results that failed
   * @param eager starts whose first workflow task came back in the start's answer
   */
  public record Result(
      int concurrency,
      long completed,
      long failed,
      long eager,
      double seconds,
      double p50Ms,
      double p99Ms) {
    public double perSecond() {
      return completed / seconds;
    }
  }

  /** Runs {@code concurrency} callers for {@code duration}. */
  public Result run(int concurrency, Duration duration) throws InterruptedException {
    long eagerBefore = server.load().eagerStarts();
    long end = System.nanoTime() + duration.toNanos();
    List<Caller> callers = new ArrayList<>();
    long begun = System.nanoTime();
    for (int i = 0; i < concurrency; i++) {
      Caller caller = new Caller(end);
      caller.thread.start();
      callers.add(caller);
    }
    long failed = 0;
    int count = 0;
    for (Caller caller : callers) {
      caller.thread.join();
      failed += caller.failed;
      count += caller.count;
    }
    double seconds = (System.nanoTime() - begun) / 1e9;
    long[] all = new long[count];
    int at = 0;
    for (Caller caller : callers) {
      System.arraycopy(caller.nanos, 0, all, at, caller.count);
      at += caller.count;
    }
    Arrays.sort(all);
    long eager = server.load().eagerStarts() - eagerBefore;
    return new Result(
        concurrency, count, failed, eager, seconds, percentile(all, 0.50), percentile(all, 0.99));
  }

  private static double percentile(long[] sorted, double p) {
    if (sorted.length == 0) {
      return 0;
    }
    int index = (int) Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1);
    return sorted[Math.max(0, index)] / 1e6;
  }

  /** The options a chat is started with, on the floor's own queue. */
  private WorkflowOptions options() {
    return WorkflowOptions.newBuilder()
        .setWorkflowId("floor-" + ids.incrementAndGet())
        .setTaskQueue(QUEUE)
        .setWorkflowExecutionTimeout(Duration.ofSeconds(900))
        .setWorkflowIdReusePolicy(WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE)
        .setDisableEagerExecution(false)
        .build();
  }

  /** One caller: start, wait for the result, again, until the deadline. */
  private final class Caller {
    private final Thread thread;
    private long[] nanos = new long[1024];
    private int count;
    private long failed;

    Caller(long end) {
      this.thread = new Thread(() -> loop(end), "temporal-floor-caller");
    }

    private void loop(long end) {
      while (System.nanoTime() < end) {
        long begun = System.nanoTime();
        try {
          WorkflowStub workflow = client.newUntypedWorkflowStub("FloorWorkflow", options());
          workflow.start("ping");
          workflow.getResult(String.class);
          record(System.nanoTime() - begun);
        } catch (RuntimeException e) {
          failed++;
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

  @Override
  public void close() {
    workers.shutdownNow();
    workers.awaitTermination(2, TimeUnit.SECONDS);
    stubs.shutdownNow();
    stubs.awaitTermination(2, TimeUnit.SECONDS);
    server.close();
  }
}
