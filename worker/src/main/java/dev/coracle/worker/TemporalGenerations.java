package dev.coracle.worker;

import com.uber.m3.tally.Scope;
import dev.coracle.activities.config.CoracleConfig.RecycleConfig;
import dev.coracle.activities.temporal.WorkflowIndexStore;
import dev.coracle.worker.visibility.WorkflowIndex;
import dev.coracle.workflows.job.JobRequest;
import io.temporal.api.workflow.v1.WorkflowExecutionInfo;
import io.temporal.client.WorkflowClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded server's generations. The test server keeps every workflow it ran, so when the
 * current one holds too much (see {@link RecycleConfig}) a fresh one starts with its own worker,
 * takes every new start and the TCP port, and the old one is retired: its chats finish where they
 * are, its coding jobs move to the new one ({@link JobMover}), its newest workflows are copied to
 * the store's index for the {@code temporal} CLI, and it is closed.
 *
 * <p>Checks run on one thread every {@link #CHECK_EVERY}, and at once when a start fills the
 * current server; never on a request's path.
 */
final class TemporalGenerations implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(TemporalGenerations.class);
  static final Duration CHECK_EVERY = Duration.ofSeconds(1);

  /** How long a signal waits for a job that is between two servers. */
  private static final Duration MOVE_WAIT = Duration.ofSeconds(30);

  /**
   * How long a retired server must have had nothing open before it closes, so that the last results
   * on their way to waiting clients are delivered first.
   */
  private static final Duration QUIET_BEFORE_CLOSE = Duration.ofSeconds(3);

  /** A replaced server still finishing its chats, closed by {@code deadline} at the latest. */
  private static final class Retiring {
    final Generation generation;
    final Instant deadline;
    Instant quietSince;

    /** Whether this server had a workflow open at the last check's listing. */
    boolean openAtLastCheck = true;

    Retiring(Generation generation, Instant deadline) {
      this.generation = generation;
      this.deadline = deadline;
    }

    Generation generation() {
      return generation;
    }

    Instant deadline() {
      return deadline;
    }
  }

  private final EmbeddedTemporal embedded;
  private final String namespace;
  private final RecycleConfig limits;
  private final WorkflowIndex index;
  private final Scope metrics;
  private final TemporalInterceptors interceptors;
  private final Clock clock = Clock.systemUTC();
  private final List<Retiring> retiring = new CopyOnWriteArrayList<>();
  private final AtomicInteger recycles = new AtomicInteger();
  private final ScheduledExecutorService recycler =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread thread = new Thread(r, "temporal-recycler");
            thread.setDaemon(true);
            return thread;
          });
  private volatile Generation current;
  private volatile CoracleWorker.Activities activities;
  private volatile JobMover mover;
  private volatile Duration chatDrain;

  TemporalGenerations(
      EmbeddedTemporal embedded,
      String namespace,
      RecycleConfig limits,
      WorkflowIndex index,
      Scope metrics,
      TemporalInterceptors interceptors) {
    this.embedded = embedded;
    this.namespace = namespace;
    this.limits = limits;
    this.index = index;
    this.metrics = metrics;
    this.interceptors = interceptors;
    this.current = Generation.open(embedded.current(), namespace, metrics, interceptors);
    index.showRetiring(
        () -> retiring.stream().map(old -> old.generation().server().testService()).toList(),
        namespace);
  }

  WorkflowClient client() {
    return current.client();
  }

  /**
   * The client of the server where {@code workflowId} is open: the current one, or an older one
   * still finishing it. While a job is between two servers this waits (bounded) until it has
   * started on the new one.
   */
  WorkflowClient clientFor(String workflowId) {
    long deadline = System.nanoTime() + MOVE_WAIT.toNanos();
    while (true) {
      Generation now = current;
      JobMover moves = mover;
      boolean moving = moves != null && moves.moving(workflowId);
      if (retiring.isEmpty() && !moving) {
        return now.client();
      }
      for (Generation generation : newestFirst()) {
        if (generation.isOpen(workflowId)) {
          return generation.client();
        }
      }
      if (!moving || System.nanoTime() > deadline) {
        return current.client();
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return current.client();
      }
    }
  }

  /** The clients of every server still open, the current one first. */
  List<WorkflowClient> clients() {
    return newestFirst().stream().map(Generation::client).toList();
  }

  /** How many moves of jobs have finished so far. */
  long jobsMoved() {
    JobMover moves = mover;
    return moves == null ? 0 : moves.moved();
  }

  boolean moving(String workflowId) {
    JobMover moves = mover;
    return moves != null && moves.moving(workflowId);
  }

  int recycles() {
    return recycles.get();
  }

  /** Workflows started on the servers still open (current and retiring): what memory holds. */
  long heldWorkflows() {
    return newestFirst().stream().mapToLong(g -> g.server().load().workflows()).sum();
  }

  int generation() {
    return current.number();
  }

  /** Lists the workflows of closed servers from the store from now on. */
  void attachIndex(WorkflowIndexStore store) {
    index.attach(store, limits.indexSize());
  }

  void startWorker(CoracleWorker.Activities activities) {
    this.activities = activities;
    current.startWorker(activities);
  }

  /**
   * Starts checking the thresholds. {@code chatDrain} bounds how long a retired server waits for
   * its chats (their own execution timeout).
   */
  void startRecycling(
      JobRecovery recovery, Function<String, Optional<JobRequest>> unfinished, Duration chatDrain) {
    this.chatDrain = chatDrain;
    this.mover =
        new JobMover(
            Duration.ofSeconds(limits.handOverSeconds()), clock, recycler, unfinished, recovery);
    long every = CHECK_EVERY.toMillis();
    recycler.scheduleWithFixedDelay(this::check, every, every, TimeUnit.MILLISECONDS);
    current.server().load().watch(fullAt());
  }

  private GenerationLoad.Limits fullAt() {
    return new GenerationLoad.Limits(
        limits.afterWorkflows(), limits.afterMegabytes() * 1024 * 1024, this::checkSoon);
  }

  /** Runs a check on the recycler thread now, rather than at the next tick. */
  private void checkSoon() {
    try {
      recycler.execute(this::check);
    } catch (RejectedExecutionException e) {
      // Shutting down: nothing left to recycle.
    }
  }

  /**
   * One round: finish moves, close drained servers, and recycle when the current one is full. With
   * nothing retiring it compares two counters and lists nothing; while a server retires, it lists
   * that server's open workflows once, for its jobs to move and to tell whether it has drained.
   */
  private void check() {
    try {
      JobMover moves = mover;
      for (Retiring old : retiring) {
        List<WorkflowExecutionInfo> open = old.generation().open();
        moves.handOverAll(old.generation(), open);
        old.openAtLastCheck = !open.isEmpty();
      }
      moves.advance();
      retireDrained();
      if (current.server().load().isPast(fullAt())) {
        recycle();
      }
    } catch (RuntimeException e) {
      log.warn("embedded Temporal recycle check failed; trying again shortly", e);
    }
  }

  /**
   * Starts the next server and its worker, sends new work there and points the TCP port at it; then
   * asks the old one's jobs to hand over.
   */
  private void recycle() {
    Generation old = current;
    Generation next = Generation.open(embedded.startNext(), namespace, metrics, interceptors);
    try {
      next.startWorker(activities);
    } catch (RuntimeException e) {
      next.close(Duration.ZERO);
      throw e;
    }
    current = next;
    embedded.serve(next.server());
    next.server().load().watch(fullAt());
    recycles.incrementAndGet();
    GenerationLoad load = old.server().load();
    log.info(
        "recycled the embedded Temporal server: generation {} held {} workflows ({} started"
            + " eagerly, ~{} MB estimated); generation {} takes new work",
        old.number(),
        load.workflows(),
        load.eagerStarts(),
        load.estimatedBytes() / (1024 * 1024),
        next.number());
    retiring.add(new Retiring(old, clock.instant().plus(chatDrain)));
    mover.handOverAll(old, old.open());
  }

  /** Closes each retired server whose workflows have all finished or moved, or whose time is up. */
  private void retireDrained() {
    for (Retiring old : retiring) {
      Generation generation = old.generation();
      Instant now = clock.instant();
      if (mover.movingFrom(generation) || old.openAtLastCheck) {
        old.quietSince = null;
      } else if (old.quietSince == null) {
        old.quietSince = now;
      }
      boolean drained =
          old.quietSince != null && !now.isBefore(old.quietSince.plus(QUIET_BEFORE_CLOSE));
      boolean overdue = now.isAfter(old.deadline());
      if (drained || overdue) {
        if (overdue && !drained) {
          log.warn(
              "closing embedded Temporal generation {} with workflows still open after {}",
              generation.number(),
              chatDrain);
        }
        // Kept in the index before it leaves the list of retiring servers, so the CLI's list
        // never misses its workflows.
        keep(generation);
        retiring.remove(old);
        generation.close(Duration.ofSeconds(2));
        log.info("closed embedded Temporal generation {}", generation.number());
      }
    }
  }

  private void keep(Generation generation) {
    try {
      index.keep(
          generation.server().testService(), namespace, generation.number(), clock.instant());
    } catch (RuntimeException e) {
      log.warn("could not keep generation {}'s workflows in the index", generation.number(), e);
    }
  }

  private List<Generation> newestFirst() {
    List<Generation> all = new ArrayList<>();
    all.add(current);
    for (int i = retiring.size() - 1; i >= 0; i--) {
      all.add(retiring.get(i).generation());
    }
    return all;
  }

  /**
   * Stops every worker (running tasks get {@code drain}) and copies what the servers hold to the
   * index, while the store is still open.
   */
  void stopWorkers(Duration drain) {
    recycler.shutdownNow();
    try {
      recycler.awaitTermination(drain.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    current.stopWorker(drain);
    for (Retiring old : retiring) {
      old.generation().stopWorker(Duration.ofSeconds(1));
    }
    newestFirst().forEach(this::keep);
  }

  @Override
  public void close() {
    recycler.shutdownNow();
    for (Retiring old : retiring) {
      old.generation().close(Duration.ofSeconds(1));
    }
    retiring.clear();
    current.close(Duration.ofSeconds(1));
    embedded.close();
  }
}
