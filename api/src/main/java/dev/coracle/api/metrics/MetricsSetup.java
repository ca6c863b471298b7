package dev.coracle.api.metrics;

import com.uber.m3.tally.NoopScope;
import com.uber.m3.tally.RootScopeBuilder;
import com.uber.m3.tally.Scope;
import dev.coracle.activities.config.CoracleConfig;
import dev.coracle.activities.config.CoracleConfig.MetricsConfig;
import dev.coracle.activities.metrics.MeterNames;
import dev.coracle.worker.SlotQueue;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.temporal.common.reporter.MicrometerClientStatsReporter;
import java.util.ArrayList;
import java.util.List;

/**
 * The registry behind {@code /metrics} and the Temporal SDK's scope that reports into it. Both are
 * made before the application context because Temporal is connected first; the scope is handed to
 * the Temporal connection, which closes it, and the registry becomes a bean for {@link
 * dev.coracle.activities.metrics.CoracleMetrics}. With {@code metrics.enabled: false} there is
 * neither, and no Micrometer or Prometheus class is loaded.
 */
public final class MetricsSetup {
  private final PrometheusMeterRegistry registry;
  private final Scope temporalScope;

  private MetricsSetup(PrometheusMeterRegistry registry, Scope temporalScope) {
    this.registry = registry;
    this.temporalScope = temporalScope;
  }

  public static MetricsSetup from(CoracleConfig config) {
    MetricsConfig metrics = MetricsConfig.of(config);
    if (!metrics.enabled()) {
      return new MetricsSetup(null, new NoopScope());
    }
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    registry.config().meterFilter(new TemporalHistograms());
    JvmMeters.bindTo(registry);
    Gauge.builder(MeterNames.SLOT_QUEUE, SlotQueue.INSTANCE, SlotQueue::depth)
        .description("Local model calls scheduled on the LLM slot and not started yet")
        .register(registry);
    if (metrics.temporalReportSeconds() == 0) {
      return new MetricsSetup(registry, new NoopScope());
    }
    Scope scope =
        new RootScopeBuilder()
            .reporter(new MicrometerClientStatsReporter(registry))
            .reportEvery(com.uber.m3.util.Duration.ofSeconds(metrics.temporalReportSeconds()));
    return new MetricsSetup(registry, scope);
  }

  /** Where the Temporal SDK reports; owned (and closed) by the Temporal connection. */
  public Scope temporalScope() {
    return temporalScope;
  }

  /** {@code others} plus the registry when metrics are on: the context's given singletons. */
  public Object[] withSingletons(Object... others) {
    List<Object> singletons = new ArrayList<>(List.of(others));
    if (registry != null) {
      singletons.add(registry);
    }
    return singletons.toArray();
  }
}
