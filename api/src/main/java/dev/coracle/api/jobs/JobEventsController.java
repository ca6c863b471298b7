package dev.coracle.api.jobs;

import dev.coracle.activities.job.JobQueries;
import dev.coracle.api.openai.OpenAiException;
import dev.coracle.workflows.job.JobEvent;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.sse.Event;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.util.function.Function;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;

/**
 * {@code GET /api/jobs/{id}/events}: the job's progress as server-sent events, from the event after
 * {@code Last-Event-ID} (or {@code ?after=N}) until the job ends.
 */
@Controller("/api/jobs")
public class JobEventsController {
  private final JobQueries queries;
  private final JobEventFeed feed;

  public JobEventsController(JobQueries queries, JobEventFeed feed) {
    this.queries = queries;
    this.feed = feed;
  }

  /** Runs on a blocking thread only for the existence check; the stream polls on its own. */
  @Get(value = "/{id}/events", produces = MediaType.TEXT_EVENT_STREAM)
  @ExecuteOn(TaskExecutors.BLOCKING)
  public HttpResponse<Publisher<Event<String>>> events(
      @PathVariable String id,
      @Nullable @Header("Last-Event-ID") String lastEventId,
      @Nullable @QueryValue String after,
      @Nullable @QueryValue String follow) {
    long afterSeq = afterSeq(lastEventId != null ? lastEventId : after);
    if (queries.status(id).isEmpty()) {
      throw JobErrors.notFound(id);
    }
    // A comment line keeps the connection busy: EventSource clients dispatch nothing for it.
    Event<String> keepAlive = Event.of("").comment("keep-alive");
    Function<JobEvent, Event<String>> toEvent =
        event ->
            Event.of(JobsJson.write(JobView.event(id, event)))
                .id(Long.toString(event.seq()))
                .name(event.type());
    // follow=false reads what is stored and ends: `coracle jobs logs` without --follow.
    Publisher<Event<String>> events =
        "false".equals(follow)
            ? Flux.fromIterable(queries.eventsAfter(id, afterSeq, JobEventFeed.BATCH * 5))
                .map(toEvent)
            : feed.follow(id, afterSeq, toEvent, keepAlive);
    return HttpResponse.<Publisher<Event<String>>>ok(events)
        .contentType(MediaType.TEXT_EVENT_STREAM_TYPE);
  }

  private static long afterSeq(String text) {
    if (text == null || text.isBlank()) {
      return 0;
    }
    try {
      long seq = Long.parseLong(text.strip());
      if (seq >= 0) {
        return seq;
      }
    } catch (NumberFormatException e) {
      // Answered below, as for a negative number.
    }
    throw OpenAiException.invalidValue(
        "after", "Last-Event-ID and 'after' take an event number, 0 or more (got '" + text + "')");
  }
}
