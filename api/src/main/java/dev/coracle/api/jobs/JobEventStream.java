package dev.coracle.api.jobs;

import dev.coracle.activities.job.JobQueries;
import dev.coracle.workflows.job.JobEvent;
import dev.coracle.workflows.job.JobStatus;
import io.micronaut.http.sse.Event;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * A job's events as server-sent events, read from the store by polling: the store is what every
 * process shares and what survives a restart, so a stream resumes anywhere with {@code
 * Last-Event-ID}. Polls run on Reactor's blocking-capable scheduler, never on the event loop.
 */
@Singleton
public class JobEventStream {

  static final Duration POLL = Duration.ofMillis(200);
  static final Duration KEEP_ALIVE = Duration.ofSeconds(15);
  static final int BATCH = 200;

  private final JobQueries queries;

  public JobEventStream(JobQueries queries) {
    this.queries = queries;
  }

  /** Events numbered above {@code afterSeq}, live, until the job's terminal event. */
  Flux<Event<String>> events(String jobId, long afterSeq) {
    return Flux.defer(
        () -> {
          Cursor cursor = new Cursor(jobId, afterSeq);
          return Flux.interval(Duration.ZERO, POLL, Schedulers.boundedElastic())
              .onBackpressureDrop()
              .concatMap(tick -> Mono.fromCallable(cursor::poll), 1)
              .takeUntil(Batch::last)
              .concatMapIterable(Batch::events);
        });
  }

  /** What one poll sends; {@code last} ends the stream after it. */
  private record Batch(List<Event<String>> events, boolean last) {}

  /** Where one stream stands. Polls are sequential, so its fields need no locking. */
  private final class Cursor {
    private final String jobId;
    private long lastSeq;
    private long lastSentNanos = System.nanoTime();

    Cursor(String jobId, long afterSeq) {
      this.jobId = jobId;
      this.lastSeq = afterSeq;
    }

    Batch poll() {
      // The status is read before the events: a job that had finished by then has all its events
      // stored, so an empty read after it means nothing more will come.
      boolean finished = queries.status(jobId).map(JobStatus::finished).orElse(true);
      List<JobEvent> events = queries.eventsAfter(jobId, lastSeq, BATCH);
      long now = System.nanoTime();
      if (events.isEmpty()) {
        if (finished) {
          return new Batch(List.of(), true);
        }
        if (now - lastSentNanos >= KEEP_ALIVE.toNanos()) {
          lastSentNanos = now;
          // A comment line: proxies and clients see traffic, EventSource dispatches nothing.
          return new Batch(List.of(Event.of("").comment("keep-alive")), false);
        }
        return new Batch(List.of(), false);
      }
      lastSentNanos = now;
      List<Event<String>> out = new ArrayList<>();
      for (JobEvent event : events) {
        lastSeq = event.seq();
        out.add(
            Event.of(JobsJson.write(JobView.event(jobId, event)))
                .id(Long.toString(event.seq()))
                .name(event.type()));
        if (event.terminal()) {
          return new Batch(out, true);
        }
      }
      return new Batch(out, false);
    }
  }
}
