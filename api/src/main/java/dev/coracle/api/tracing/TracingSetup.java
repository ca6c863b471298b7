package dev.coracle.api.tracing;

import dev.coracle.activities.config.CoracleConfig;
import dev.coracle.activities.config.CoracleConfig.TracingConfig;
import dev.coracle.worker.TemporalInterceptors;
import java.util.ArrayList;
import java.util.List;

/**
 * Tracing for one process, made before the application context because Temporal is connected first:
 * the interceptors for the Temporal connection (which closes the exporter with itself) and the HTTP
 * side as a bean for {@link TracingFilter}. With {@code tracing.enabled: false} there is neither,
 * and this class never reaches {@link OpenTelemetryTracing}, so no OpenTelemetry class is loaded.
 */
public final class TracingSetup {
  private final TemporalInterceptors temporal;
  private final HttpTracing http;

  TracingSetup(TemporalInterceptors temporal, HttpTracing http) {
    this.temporal = temporal;
    this.http = http;
  }

  public static TracingSetup from(CoracleConfig config) {
    TracingConfig tracing = TracingConfig.of(config);
    if (!tracing.enabled()) {
      return new TracingSetup(TemporalInterceptors.NONE, null);
    }
    return OpenTelemetryTracing.start(tracing);
  }

  /** What every Temporal client and worker of this process adds; owned by the connection. */
  public TemporalInterceptors temporalInterceptors() {
    return temporal;
  }

  /** {@code others} plus the HTTP tracing when tracing is on: the context's given singletons. */
  public Object[] withSingletons(Object... others) {
    List<Object> singletons = new ArrayList<>(List.of(others));
    if (http != null) {
      singletons.add(http);
    }
    return singletons.toArray();
  }
}
