package dev.coracle.workflows.chat;

import dev.coracle.workflows.model.ModelActivities;
import dev.coracle.workflows.model.ModelAnswer;
import dev.coracle.workflows.model.ModelCall;
import io.temporal.activity.Activity;
import io.temporal.failure.ApplicationFailure;
import java.util.List;

/**
 * A fake model worker whose behaviour is picked by model name, like a fake upstream: {@code
 * rate-limited}, {@code unavailable} and {@code broken-stream} fail with the typed failure the real
 * activity would raise; any other model answers. Every attempt is written to a shared log together
 * with the queue of the worker that ran it.
 */
final class FakeModels implements ModelActivities {
  static final String RATE_LIMITED = "rate-limited";
  static final String UNAVAILABLE = "unavailable";
  static final String BROKEN_STREAM = "broken-stream";

  /** One attempt of one model call, as seen by the worker that ran it. */
  record Attempt(String queue, String model, int attempt) {}

  private final String queue;
  private final List<Attempt> log;

  FakeModels(String queue, List<Attempt> log) {
    this.queue = queue;
    this.log = log;
  }

  @Override
  public ModelAnswer call(ModelCall call) {
    return call(call, Activity.getExecutionContext().getInfo().getAttempt());
  }

  /** One attempt numbered by the caller: a call inside another activity retries by itself. */
  ModelAnswer call(ModelCall call, int attempt) {
    String model = call.target().qualifiedName();
    log.add(new Attempt(queue, model, attempt));
    return switch (call.target().model()) {
      case RATE_LIMITED ->
          throw ApplicationFailure.newNonRetryableFailure(
              "HTTP 429: too many requests", ChatErrorType.UPSTREAM_RATE_LIMITED.name());
      case UNAVAILABLE ->
          throw ApplicationFailure.newFailure(
              "HTTP 503: upstream unavailable", ChatErrorType.UPSTREAM_UNAVAILABLE.name());
      case BROKEN_STREAM ->
          throw ApplicationFailure.newNonRetryableFailure(
              "stream broke after 2 tokens", ChatErrorType.STREAM_BROKEN.name());
      default -> new ModelAnswer("answer from " + model, "stop", new Usage(7, 3), 42);
    };
  }
}
