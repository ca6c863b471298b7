package dev.coracle.api.tracing;

import io.micronaut.core.propagation.PropagatedContext;
import io.micronaut.core.propagation.ThreadPropagatedContextElement;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.filter.ServerFilterChain;
import io.micronaut.web.router.RouteAttributes;
import io.micronaut.web.router.UriRouteMatch;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;

/**
 * A server span per HTTP request, named {@code <METHOD> <route>} after the route's template (never
 * the path, which holds ids), child of the client's {@code traceparent} when it sent one. The span
 * is current for the route through Micronaut's propagated context, so the workflow the route starts
 * is its child. Its attributes are the method, the route and the status: no header, no body.
 */
final class OpenTelemetryHttpTracing implements HttpTracing {
  private static final AttributeKey<String> METHOD = AttributeKey.stringKey("http.request.method");
  private static final AttributeKey<String> ROUTE = AttributeKey.stringKey("http.route");
  private static final AttributeKey<Long> STATUS =
      AttributeKey.longKey("http.response.status_code");

  private final Tracer tracer;
  private final TextMapPropagator propagator;

  OpenTelemetryHttpTracing(OpenTelemetry openTelemetry) {
    this.tracer = openTelemetry.getTracer("dev.coracle.http");
    this.propagator = openTelemetry.getPropagators().getTextMapPropagator();
  }

  @Override
  public Publisher<MutableHttpResponse<?>> trace(HttpRequest<?> request, ServerFilterChain chain) {
    Context parent =
        propagator.extract(Context.root(), request.getHeaders(), HeaderGetter.INSTANCE);
    String method = request.getMethodName();
    String route = route(request);
    Span span =
        tracer
            .spanBuilder(route == null ? method : method + " " + route)
            .setParent(parent)
            .setSpanKind(SpanKind.SERVER)
            .setAttribute(METHOD, method)
            .startSpan();
    if (route != null) {
      span.setAttribute(ROUTE, route);
    }
    Context current = parent.with(span);
    try (PropagatedContext.Scope ignored =
        PropagatedContext.getOrEmpty().plus(new CurrentContext(current)).propagate()) {
      return Mono.from(chain.proceed(request))
          .doOnNext(response -> ended(span, response.code()))
          .doOnError(
              failure -> {
                span.recordException(failure);
                span.setStatus(StatusCode.ERROR);
              })
          .doFinally(signal -> span.end());
    }
  }

  private static void ended(Span span, int status) {
    span.setAttribute(STATUS, (long) status);
    if (status >= 500) {
      span.setStatus(StatusCode.ERROR);
    }
  }

  /** The route's template ({@code /v1/jobs/{id}}), or null when no route matched. */
  private static String route(HttpRequest<?> request) {
    return RouteAttributes.getRouteMatch(request)
        .filter(UriRouteMatch.class::isInstance)
        .map(match -> ((UriRouteMatch<?, ?>) match).getRouteInfo().getUriMatchTemplate())
        .map(Object::toString)
        .orElse(null);
  }

  /** Makes the request's span current on whichever thread Micronaut runs the route. */
  private record CurrentContext(Context context) implements ThreadPropagatedContextElement<Scope> {
    @Override
    public Scope updateThreadContext() {
      return context.makeCurrent();
    }

    @Override
    public void restoreThreadContext(Scope scope) {
      scope.close();
    }
  }

  private enum HeaderGetter implements TextMapGetter<HttpHeaders> {
    INSTANCE;

    @Override
    public Iterable<String> keys(HttpHeaders headers) {
      return headers.names();
    }

    @Override
    public String get(HttpHeaders headers, String key) {
      return headers == null ? null : headers.get(key);
    }
  }
}
