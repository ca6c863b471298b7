package dev.coracle.api.tracing;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Filter;
import io.micronaut.http.filter.HttpServerFilter;
import io.micronaut.http.filter.ServerFilterChain;
import io.micronaut.http.filter.ServerFilterPhase;
import org.reactivestreams.Publisher;

/**
 * Hands every request the front door let through to {@link HttpTracing}. It exists only when
 * tracing is on: with {@code tracing.enabled: false} there is no {@link HttpTracing} bean (and no
 * OpenTelemetry class is loaded), and then no filter at all, because a filter of this kind (one
 * that returns a {@link Publisher}) turns every request's filter chain and answer into Reactor
 * publishers, which costs CPU on each request even when it only passes the request on.
 */
@Filter(Filter.MATCH_ALL_PATTERN)
@Requires(beans = HttpTracing.class)
public class TracingFilter implements HttpServerFilter {
  private final HttpTracing tracing;

  public TracingFilter(HttpTracing tracing) {
    this.tracing = tracing;
  }

  @Override
  public Publisher<MutableHttpResponse<?>> doFilter(
      HttpRequest<?> request, ServerFilterChain chain) {
    return tracing.trace(request, chain);
  }

  /**
   * Right after the front door, so a refused request makes no span (and a stranger's {@code
   * traceparent} no trace), and before the request meter.
   */
  @Override
  public int getOrder() {
    return ServerFilterPhase.FIRST.order() - 1;
  }
}
