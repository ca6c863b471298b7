package dev.coracle.api.tracing;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.filter.ServerFilterChain;
import org.reactivestreams.Publisher;

/**
 * Traces one HTTP request: a server span around the rest of the filter chain, current while the
 * route runs so that what the route starts (a workflow) joins the request's trace. Only exists when
 * {@code tracing.enabled} is true; this interface names no OpenTelemetry type, so {@link
 * TracingFilter} can hold it without loading any.
 */
public interface HttpTracing {
  Publisher<MutableHttpResponse<?>> trace(HttpRequest<?> request, ServerFilterChain chain);
}
