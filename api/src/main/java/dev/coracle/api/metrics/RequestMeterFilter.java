package dev.coracle.api.metrics;

import dev.coracle.activities.metrics.CoracleMetrics;
import dev.coracle.api.chat.CoracleHeaders;
import dev.coracle.workflows.chat.RequestClass;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Times every request the front door let through, until its answer begins (for a stream, the first
 * token), and counts it by door, request class ({@code x-coracle-class}, or {@code none} for routes
 * that do not classify) and status.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
public class RequestMeterFilter implements Ordered {
  private static final String STARTED = RequestMeterFilter.class.getName() + ".started";
  private static final String NO_CLASS = "none";
  private static final Set<String> CLASSES =
      Arrays.stream(RequestClass.values()).map(RequestClass::wireName).collect(Collectors.toSet());

  private final CoracleMetrics metrics;

  public RequestMeterFilter(CoracleMetrics metrics) {
    this.metrics = metrics;
  }

  @RequestFilter
  public void start(HttpRequest<?> request) {
    request.setAttribute(STARTED, System.nanoTime());
  }

  @ResponseFilter
  public void stop(HttpRequest<?> request, MutableHttpResponse<?> response) {
    Long started = request.getAttribute(STARTED, Long.class).orElse(null);
    if (started == null) {
      return;
    }
    String requestClass = response.getHeaders().get(CoracleHeaders.CLASS);
    metrics.request(
        Doors.of(request.getPath()),
        requestClass != null && CLASSES.contains(requestClass) ? requestClass : NO_CLASS,
        response.code(),
        System.nanoTime() - started);
  }

  /** Right after the front door, so a refused request is not timed (it did no work). */
  @Override
  public int getOrder() {
    return ServerFilterPhase.FIRST.order();
  }
}
