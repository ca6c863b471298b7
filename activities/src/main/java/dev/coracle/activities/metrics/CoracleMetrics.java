package dev.coracle.activities.metrics;

import dev.coracle.activities.model.ProviderCatalog;
import dev.coracle.workflows.job.JobEvent;
import dev.coracle.workflows.model.ModelAnswer;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.temporal.activity.Activity;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * coracle's own meters, behind {@code GET /metrics}: one method per thing that is counted, so the
 * places that count stay one line each and every name and label is decided here. Labels take only
 * values from a closed set (configured providers and models, known tools, request classes, HTTP
 * statuses), never ids or text from a request, so the number of series stays bounded.
 *
 * <p>Without a registry (metrics off, or a test context) every method returns at once and no
 * Micrometer class is used, so metrics that are off cost nothing.
 */
@Singleton
public class CoracleMetrics {
  /** The label value for anything outside the closed set a label allows. */
  public static final String OTHER = "other";

  /** Null when metrics are off. */
  private final MeterRegistry registry;

  private final ProviderCatalog catalog;

  /**
   * The meters of model calls, cache lookups, requests and classifier verdicts, built and
   * registered once per set of labels: Micrometer's builders cost more per call (tags,
   * service-level objectives, the registry's lookup) than the increment. The labels come from
   * closed sets, and each map stops growing at {@link MeterCache#MAX_SIZE}.
   */
  private final MeterCache<ModelCallKey, ModelCallMeters> modelCalls = new MeterCache<>();

  private final MeterCache<CacheResult, Counter> cacheLookups = new MeterCache<>();
  private final MeterCache<RequestKey, Timer> requests = new MeterCache<>();
  private final MeterCache<String, Timer> classifiers = new MeterCache<>();

  private record ModelCallKey(String provider, String model, String outcome) {}

  private record RequestKey(String door, String requestClass, int status) {}

  /** The four meters of one provider's model and outcome; the last three only for {@code ok}. */
  private record ModelCallMeters(
      Counter calls, Timer latency, Counter promptTokens, Counter completionTokens) {}

  @Inject
  public CoracleMetrics(Optional<PrometheusMeterRegistry> prometheus, ProviderCatalog catalog) {
    this(prometheus.orElse(null), catalog);
  }

  CoracleMetrics(MeterRegistry registry, ProviderCatalog catalog) {
    this.registry = registry;
    this.catalog = catalog;
  }

  /** The registry {@code /metrics} renders, when metrics are on. */
  public Optional<PrometheusMeterRegistry> prometheus() {
    return registry instanceof PrometheusMeterRegistry p ? Optional.of(p) : Optional.empty();
  }

  /** Every meter, for readers in this process such as the dashboard; empty when metrics are off. */
  public Optional<MeterRegistry> registry() {
    return Optional.ofNullable(registry);
  }

  /**
   * One HTTP request that got its answer (the first byte of a stream).
   *
   * @param door a name from a closed set, e.g. {@code chat_completions}
   * @param requestClass the class coracle gave the request, or {@code none}
   */
  public void request(String door, String requestClass, int status, long nanos) {
    if (registry == null) {
      return;
    }
    requests
        .get(
            new RequestKey(door, requestClass, status),
            key ->
                Timer.builder(MeterNames.REQUESTS)
                    .description(
                        "HTTP requests by door, request class and status, until the answer began")
                    .tags(
                        "door",
                        key.door(),
                        "class",
                        key.requestClass(),
                        "status",
                        Integer.toString(key.status()))
                    .serviceLevelObjectives(Buckets.REQUEST)
                    .register(registry))
        .record(nanos, TimeUnit.NANOSECONDS);
  }

  /**
   * One call to a model, as the audit log records it.
   *
   * @param outcome {@code ok} or the error type that ended the call
   * @param modelMillis time spent on the model; counted only for calls that answered
   */
  public void modelCall(
      String provider,
      String model,
      String outcome,
      long modelMillis,
      int promptTokens,
      int completionTokens) {
    if (registry == null) {
      return;
    }
    ModelCallMeters meters =
        modelCalls.get(new ModelCallKey(provider, model, outcome), this::modelCallMeters);
    meters.calls().increment();
    if (meters.latency() == null) {
      return;
    }
    meters.latency().record(modelMillis, TimeUnit.MILLISECONDS);
    meters.promptTokens().increment(Math.max(0, promptTokens));
    meters.completionTokens().increment(Math.max(0, completionTokens));
  }

  private ModelCallMeters modelCallMeters(ModelCallKey key) {
    String providerLabel = catalog.find(key.provider()).isPresent() ? key.provider() : OTHER;
    String modelLabel = catalog.knowsModel(key.provider(), key.model()) ? key.model() : OTHER;
    Counter calls =
        Counter.builder(MeterNames.MODEL_CALLS)
            .description("Model calls by provider, model and outcome")
            .tags("provider", providerLabel, "model", modelLabel, "outcome", key.outcome())
            .register(registry);
    if (!"ok".equals(key.outcome())) {
      return new ModelCallMeters(calls, null, null, null);
    }
    Timer latency =
        Timer.builder(MeterNames.MODEL_LATENCY)
            .description("Time answered model calls spent on the model")
            .tags("provider", providerLabel, "model", modelLabel)
            .serviceLevelObjectives(Buckets.MODEL)
            .register(registry);
    return new ModelCallMeters(
        calls,
        latency,
        tokens(providerLabel, modelLabel, "prompt"),
        tokens(providerLabel, modelLabel, "completion"));
  }

  /** {@link #modelCall(String, String, String, long, int, int)} from the call's answer, or none. */
  public void modelCall(String provider, String model, String outcome, ModelAnswer answer) {
    modelCall(
        provider,
        model,
        outcome,
        answer == null ? 0 : answer.modelMillis(),
        answer == null ? 0 : answer.usage().promptTokens(),
        answer == null ? 0 : answer.usage().completionTokens());
  }

  private Counter tokens(String provider, String model, String kind) {
    return Counter.builder(MeterNames.MODEL_TOKENS)
        .description("Tokens of answered model calls, as the provider reported them")
        .tags("provider", provider, "model", model, "kind", kind)
        .register(registry);
  }

  /**
   * One tool call of a coding job.
   *
   * @param tool the tool's name when the registry knows it, else {@link #OTHER}
   */
  public void toolCall(String tool, boolean failed, long millis) {
    if (registry == null) {
      return;
    }
    Timer.builder(MeterNames.TOOL_CALLS)
        .description("Tool calls by tool and outcome")
        .tags("tool", tool, "outcome", failed ? "error" : "ok")
        .register(registry)
        .record(millis, TimeUnit.MILLISECONDS);
  }

  /** One look in the answer cache. */
  public void cacheLookup(CacheResult result) {
    if (registry == null) {
      return;
    }
    cacheLookups
        .get(
            result,
            key ->
                Counter.builder(MeterNames.CACHE_LOOKUPS)
                    .description(
                        "Answer cache lookups: hits (exact or semantic), misses and skipped"
                            + " requests")
                    .tags("result", key.result(), "match", key.match())
                    .register(registry))
        .increment();
  }

  /**
   * One verdict of the in-process classifier.
   *
   * @param tier the tier that decided ({@code rules}, {@code ngram}, {@code embedding}…), a name
   *     set in code
   */
  public void classified(String tier, long nanos) {
    if (registry == null) {
      return;
    }
    classifiers
        .get(
            tier == null ? OTHER : tier,
            key ->
                Timer.builder(MeterNames.CLASSIFIER)
                    .description(
                        "Time the in-process classifier took for a request, by the tier that"
                            + " decided")
                    .tags("tier", key)
                    .serviceLevelObjectives(Buckets.CLASSIFIER)
                    .register(registry))
        .record(nanos, TimeUnit.NANOSECONDS);
  }

  /** Counts the finished steps and jobs among events a job wrote to the store. */
  public void jobEvents(List<JobEvent> events) {
    if (events == null || registry == null) {
      return;
    }
    for (JobEvent event : events) {
      switch (event.type()) {
        case JobEvent.STEP_DONE -> jobCounter(MeterNames.JOB_STEPS, "done");
        case JobEvent.STEP_FAILED -> jobCounter(MeterNames.JOB_STEPS, "failed");
        case JobEvent.DONE, JobEvent.FAILED, JobEvent.CANCELLED ->
            jobCounter(MeterNames.JOBS_FINISHED, event.type());
        default -> {
          // Progress events other than step and job ends are not counted.
        }
      }
    }
  }

  private void jobCounter(String name, String outcome) {
    registry.counter(name, "outcome", outcome).increment();
  }

  /**
   * The local model call running in this activity has the LLM slot: records how long it waited
   * since its attempt was scheduled (queued behind other local calls on the slot's task queue, then
   * the swap of the resident model). Outside an activity there is nothing to measure.
   */
  public void slotReady() {
    if (registry == null) {
      return;
    }
    try {
      long scheduled =
          Activity.getExecutionContext().getInfo().getCurrentAttemptScheduledTimestamp();
      slotWaited(Duration.ofMillis(System.currentTimeMillis() - scheduled));
    } catch (IllegalStateException notInAnActivity) {
      // Called outside an activity (tests, tools): no queue was waited in.
    }
  }

  /** Records a wait for the LLM slot. */
  public void slotWaited(Duration waited) {
    if (registry == null) {
      return;
    }
    Timer.builder(MeterNames.SLOT_WAIT)
        .description("Time local model calls waited for the single LLM slot")
        .serviceLevelObjectives(Buckets.SLOT)
        .register(registry)
        .record(waited.isNegative() ? Duration.ZERO : waited);
  }
}
