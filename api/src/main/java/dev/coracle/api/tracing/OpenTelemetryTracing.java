package dev.coracle.api.tracing;

import dev.coracle.activities.config.CoracleConfig.TracingConfig;
import dev.coracle.worker.TemporalInterceptors;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.opentracingshim.OpenTracingShim;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.temporal.opentracing.OpenTracingClientInterceptor;
import io.temporal.opentracing.OpenTracingOptions;
import io.temporal.opentracing.OpenTracingWorkerInterceptor;
import java.time.Duration;
import java.util.List;

/**
 * The OpenTelemetry SDK behind {@code tracing.enabled: true}: spans are batched and posted to the
 * configured OTLP/HTTP endpoint, the Temporal SDK's OpenTracing interceptors reach it through the
 * OpenTracing shim, and requests carry W3C trace context ({@code traceparent}) in and across
 * workflow headers. The only class that builds OpenTelemetry objects; {@link TracingSetup} calls it
 * only when tracing is on.
 */
final class OpenTelemetryTracing {
  /** How long finished spans wait to be sent together. */
  private static final Duration EXPORT_DELAY = Duration.ofSeconds(2);

  private OpenTelemetryTracing() {}

  static TracingSetup start(TracingConfig config) {
    OpenTelemetrySdk sdk = sdk(config);
    OpenTracingOptions temporal =
        OpenTracingOptions.newBuilder().setTracer(OpenTracingShim.createTracerShim(sdk)).build();
    TemporalInterceptors interceptors =
        new TemporalInterceptors(
            List.of(new OpenTracingClientInterceptor(temporal)),
            List.of(new OpenTracingWorkerInterceptor(temporal)),
            sdk::close);
    return new TracingSetup(interceptors, new OpenTelemetryHttpTracing(sdk));
  }

  private static OpenTelemetrySdk sdk(TracingConfig config) {
    OtlpHttpSpanExporter exporter =
        OtlpHttpSpanExporter.builder().setEndpoint(tracesUrl(config.otlpEndpoint())).build();
    SdkTracerProvider tracers =
        SdkTracerProvider.builder()
            .setResource(
                Resource.getDefault().toBuilder()
                    .put("service.name", config.serviceName().strip())
                    .build())
            // A request that arrives with a sampled traceparent is recorded whatever the ratio.
            .setSampler(Sampler.parentBased(Sampler.traceIdRatioBased(config.samplingRatio())))
            .addSpanProcessor(
                BatchSpanProcessor.builder(exporter).setScheduleDelay(EXPORT_DELAY).build())
            .build();
    return OpenTelemetrySdk.builder()
        .setTracerProvider(tracers)
        .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
        .build();
  }

  /** The OTLP/HTTP traces path under the configured base URL, as the OTLP spec names it. */
  static String tracesUrl(String endpoint) {
    String base = endpoint.strip();
    while (base.endsWith("/")) {
      base = base.substring(0, base.length() - 1);
    }
    return base + "/v1/traces";
  }
}
