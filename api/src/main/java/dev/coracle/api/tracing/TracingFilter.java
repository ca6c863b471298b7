package dev.coracle.api.tracing;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.util.Toggleable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Filter;
import io.micronaut.http.filter.HttpServerFilter;
import io.micronaut.http.filter.ServerFilterChain;
import io.micronaut.http.filter.ServerFilterPhase;
import org.reactivestreams.Publisher;

/**
 * Hands every request the front door let through to {@link HttpTracing} when tracing is on. When it
 * is off there is no {@link HttpTracing} bean (and no OpenTelemetry class is loaded), and the
 * filter reports itself disabled, so Micronaut leaves it out of every route's chain: a filter of
 * this kind (one that returns a {@link Publisher}) would otherwise turn each request's filter chain
 * and answer into Reactor publishers, which costs CPU on every request.
 */
@Filter(Filter.MATCH_ALL_PATTERN)
public class TracingFilter implements HttpServerFilter, Toggleable {
  private final HttpTracing tracing;

  public TracingFilter(@Nullable HttpTracing tracing) {
    this.tracing = tracing;
  }

  @Override
  public Publisher<MutableHttpResponse<?>> doFilter(
      HttpRequest<?> request, ServerFilterChain chain) {
    return tracing == null ? chain.proceed(request) : tracing.trace(request, chain);
  }

  /** Only with tracing on; Micronaut drops a disabled filter when it builds a route's chain. */
  @Override
  public boolean isEnabled() {
    return tracing != null;
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
