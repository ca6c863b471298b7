package dev.coracle.api.jobs;

import dev.coracle.activities.job.JobQueries;
import dev.coracle.workflows.job.JobEvent;
import dev.coracle.workflows.job.JobStatus;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * A job's events as they are stored, followed live by polling: the store is what every process
 * shares and what survives a restart, so a follower resumes anywhere from a sequence number. The
 * events endpoint and a chat that started a job both read it. Polls run on Reactor's
 * blocking-capable scheduler, never on the event loop.
 */
@Singleton
public class JobEventFeed {

  static final Duration POLL = Duration.ofMillis(200);
  static final Duration KEEP_ALIVE = Duration.ofSeconds(15);
  static final int BATCH = 200;

  private final JobQueries queries;

  public JobEventFeed(JobQueries queries) {
    this.queries = queries;
  }

  /**
   * Events numbered above {@code afterSeq}, live, until the job's terminal event, each turned into
   * an item. After {@link #KEEP_ALIVE} without an event, {@code keepAlive} is sent so that proxies
   * and clients see traffic.
   */
  public <T> Flux<T> follow(
      String jobId, long afterSeq, Function<JobEvent, T> toItem, T keepAlive) {
    return follow(jobId, afterSeq, toItem, keepAlive, event -> false);
  }

  /**
   * As {@link #follow(String, long, Function, Object)}, also ending after the first event for which
   * {@code endsFeed} holds (a chat ends at a plan that waits for approval).
   */
  public <T> Flux<T> follow(
      String jobId,
      long afterSeq,
      Function<JobEvent, T> toItem,
      T keepAlive,
      Predicate<JobEvent> endsFeed) {
    return Flux.defer(
        () -> {
          Cursor<T> cursor = new Cursor<>(jobId, afterSeq, toItem, keepAlive, endsFeed);
          return Flux.interval(Duration.ZERO, POLL, Schedulers.boundedElastic())
              .onBackpressureDrop()
              .concatMap(tick -> Mono.fromCallable(cursor::poll), 1)
              .takeUntil(Batch::last)
              .concatMapIterable(Batch::items);
        });
  }

  /** What one poll sends; {@code last} ends the feed after it. */
  private record Batch<T>(List<T> items, boolean last) {}

  /** Where one follower stands. Polls are sequential, so its fields need no locking. */
  private final class Cursor<T> {
    private final String jobId;
    private final Function<JobEvent, T> toItem;
    private final T keepAlive;
    private final Predicate<JobEvent> endsFeed;
    private long lastSeq;
    private long lastSentNanos = System.nanoTime();

    Cursor(
        String jobId,
        long afterSeq,
        Function<JobEvent, T> toItem,
        T keepAlive,
        Predicate<JobEvent> endsFeed) {
      this.jobId = jobId;
      this.endsFeed = endsFeed;
      this.lastSeq = afterSeq;
      this.toItem = toItem;
      this.keepAlive = keepAlive;
    }

    Batch<T> poll() {
      // The status is read before the events: a job that had finished by then has all its events
      // stored, so an empty read after it means nothing more will come.
      boolean finished = queries.status(jobId).map(JobStatus::finished).orElse(true);
      List<JobEvent> events = queries.eventsAfter(jobId, lastSeq, BATCH);
      long now = System.nanoTime();
      if (events.isEmpty()) {
        if (finished) {
          return new Batch<>(List.of(), true);
        }
        if (now - lastSentNanos >= KEEP_ALIVE.toNanos()) {
          lastSentNanos = now;
          return new Batch<>(List.of(keepAlive), false);
        }
        return new Batch<>(List.of(), false);
      }
      lastSentNanos = now;
      List<T> out = new ArrayList<>();
      for (JobEvent event : events) {
        lastSeq = event.seq();
        out.add(toItem.apply(event));
        if (event.terminal() || endsFeed.test(event)) {
          return new Batch<>(out, true);
        }
      }
      return new Batch<>(out, false);
    }
  }
}
