package dev.coracle.worker;

import dev.coracle.workflows.job.JobRequest;
import dev.coracle.workflows.job.JobResult;
import dev.coracle.workflows.job.JobWorkflow;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.workflow.v1.WorkflowExecutionInfo;
import io.temporal.client.WorkflowStub;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves running coding jobs off an embedded server that is being retired. Each job is asked to hand
 * over ({@link JobWorkflow#handOver()}): it stops at its next safe point without touching the
 * store, and is started on the current server from the store's resume point with the same workflow
 * id, exactly like crash recovery. A job that does not reach a safe point in time is terminated and
 * resumed as after a crash: a tool call it had in flight is reported interrupted, never re-run.
 *
 * <p>All moves are advanced on one thread, the recycler's; a finished hand-over wakes it at once so
 * the job is away for no longer than a start takes.
 */
final class JobMover {
  private static final Logger log = LoggerFactory.getLogger(JobMover.class);

  private record Move(String jobId, Generation from, Instant deadline, CompletableFuture<?> done) {}

  private final Map<String, Move> moves = new ConcurrentHashMap<>();
  private final AtomicLong moved = new AtomicLong();
  private final Duration handOverBound;
  private final Clock clock;
  private final Executor recycler;
  private final Function<String, Optional<JobRequest>> unfinished;
  private final JobRecovery recovery;

  /**
   * @param unfinished the store's restart request for a job, empty once it has finished
   * @param recycler the recycler's thread, where {@link #advance()} runs
   */
  JobMover(
      Duration handOverBound,
      Clock clock,
      Executor recycler,
      Function<String, Optional<JobRequest>> unfinished,
      JobRecovery recovery) {
    this.handOverBound = handOverBound;
    this.clock = clock;
    this.recycler = recycler;
    this.unfinished = unfinished;
    this.recovery = recovery;
  }

  /**
   * Asks every job open on {@code from} and not yet asked to hand over; {@code open} is what {@code
   * from} listed as open just before, which the caller also uses to tell whether it has drained.
   */
  void handOverAll(Generation from, List<WorkflowExecutionInfo> open) {
    for (WorkflowExecutionInfo info : open) {
      WorkflowExecution job = info.getExecution();
      if (!Generation.JOB_TYPE.equals(info.getType().getName())
          || moves.containsKey(job.getWorkflowId())) {
        continue;
      }
      // No run id: a job that continued as new is asked (and awaited) in its latest run.
      WorkflowStub stub = from.client().newUntypedWorkflowStub(job.getWorkflowId());
      CompletableFuture<?> done = stub.getResultAsync(JobResult.class);
      moves.put(
          job.getWorkflowId(),
          new Move(job.getWorkflowId(), from, clock.instant().plus(handOverBound), done));
      try {
        stub.signal("handOver");
      } catch (RuntimeException finished) {
        // It finished between the list and the signal; advance() sees its result.
      }
      done.whenCompleteAsync((result, failure) -> advance(), recycler);
    }
  }

  /** Starts each job that has handed over on the current server; stops those past the bound. */
  void advance() {
    for (Move move : List.copyOf(moves.values())) {
      if (move.done().isDone() && handedOverOrClosed(move)) {
        // A job that finished on its own is finished in the store too and is not started again.
        finish(move, handedOver(move));
      } else if (clock.instant().isAfter(move.deadline())) {
        log.warn(
            "job {} did not reach a safe point within {}; stopping it and resuming it as after"
                + " a crash",
            move.jobId(),
            handOverBound);
        try {
          move.from()
              .client()
              .newUntypedWorkflowStub(move.jobId())
              .terminate("coracle is moving this job to a fresh Temporal server");
        } catch (RuntimeException closed) {
          // It closed meanwhile; the store says whether it still has work to do.
        }
        finish(move, false);
      }
    }
  }

  private static boolean handedOverOrClosed(Move move) {
    return handedOver(move) || !move.from().isOpen(move.jobId());
  }

  private static boolean handedOver(Move move) {
    Object result = move.done().handle((r, failure) -> failure == null ? r : null).join();
    return result instanceof JobResult job && JobWorkflow.HANDED_OVER.equals(job.status());
  }

  private void finish(Move move, boolean stoppedAtSafePoint) {
    try {
      unfinished
          .apply(move.jobId())
          .ifPresent(request -> recovery.move(request, stoppedAtSafePoint));
      moved.incrementAndGet();
    } finally {
      moves.remove(move.jobId());
    }
  }

  /** True while a job is between servers: asked to hand over and not yet started again. */
  boolean moving(String jobId) {
    return moves.containsKey(jobId);
  }

  /** True while any job of {@code from} is still being moved. */
  boolean movingFrom(Generation from) {
    return moves.values().stream().anyMatch(move -> move.from() == from);
  }

  /** How many moves have finished, so a caller can tell that one happened while it waited. */
  long moved() {
    return moved.get();
  }
}
