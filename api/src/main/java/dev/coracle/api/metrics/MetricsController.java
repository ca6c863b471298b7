package dev.coracle.api.metrics;

import dev.coracle.activities.metrics.CoracleMetrics;
import dev.coracle.activities.metrics.QuotaGauges;
import dev.coracle.api.server.ErrorBodies;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

/**
 * {@code GET /metrics}: every meter in the Prometheus text format, or in OpenMetrics when the
 * scraper asks for it in {@code Accept} (Prometheus does). Like every route it is behind the front
 * door, so with {@code server.api-key} set it needs the key ({@code authorization} in the scrape
 * config).
 */
@Controller("/metrics")
public class MetricsController {
  private static final String OPEN_METRICS = "application/openmetrics-text";

  /** The two formats the registry writes, as the Prometheus client names them. */
  static final String OPEN_METRICS_TYPE = OPEN_METRICS + "; version=1.0.0; charset=utf-8";

  static final String TEXT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  private final CoracleMetrics metrics;
  private final QuotaGauges quotas;

  public MetricsController(CoracleMetrics metrics, QuotaGauges quotas) {
    this.metrics = metrics;
    this.quotas = quotas;
  }

  /** Reads the quota store for the gauges, hence a blocking thread. */
  @Get(produces = {MediaType.TEXT_PLAIN, OPEN_METRICS})
  @ExecuteOn(TaskExecutors.BLOCKING)
  public HttpResponse<String> scrape(
      HttpRequest<?> request, @Nullable @Header("Accept") String accept) {
    PrometheusMeterRegistry registry = metrics.prometheus().orElse(null);
    if (registry == null) {
      return HttpResponse.<String>notFound()
          .body(
              ErrorBodies.of(
                  request, 404, "Metrics are off here: set metrics.enabled: true in coracle.yml"))
          .contentType(MediaType.APPLICATION_JSON_TYPE);
    }
    quotas.refresh();
    String contentType =
        accept != null && accept.contains(OPEN_METRICS) ? OPEN_METRICS_TYPE : TEXT_TYPE;
    return HttpResponse.ok(registry.scrape(contentType)).contentType(contentType);
  }
}
