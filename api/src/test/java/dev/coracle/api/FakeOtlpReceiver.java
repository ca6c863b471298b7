package dev.coracle.api;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * An OpenTelemetry collector as far as OTLP/HTTP goes: accepts {@code POST /v1/traces} with a
 * protobuf {@code ExportTraceServiceRequest} on loopback, decodes it with the OTLP protobuf classes
 * and keeps every span it received.
 */
public final class FakeOtlpReceiver implements AutoCloseable {
  private static final HexFormat HEX = HexFormat.of();

  /** A received span, with its ids in hex as {@code traceparent} writes them. */
  public record ReceivedSpan(
      String name,
      String traceId,
      String spanId,
      String parentSpanId,
      Span.SpanKind kind,
      List<KeyValue> attributes,
      String serviceName) {

    public Optional<String> attribute(String key) {
      return attributes.stream()
          .filter(attribute -> attribute.getKey().equals(key))
          .map(attribute -> text(attribute.getValue()))
          .findFirst();
    }

    /** Every attribute value as text, to check what a span does not carry. */
    public List<String> attributeValues() {
      return attributes.stream().map(attribute -> text(attribute.getValue())).toList();
    }
  }

  private final HttpServer server;
  private final List<ReceivedSpan> spans = new CopyOnWriteArrayList<>();
  private final List<String> contentTypes = new CopyOnWriteArrayList<>();
  private final AtomicInteger requests = new AtomicInteger();
  private final List<String> failures = new CopyOnWriteArrayList<>();

  public FakeOtlpReceiver() {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/", this::handle);
    server.start();
  }

  /** The OTLP/HTTP base URL, as {@code tracing.otlp-endpoint} takes it. */
  public String endpoint() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** How many requests arrived, on any path. */
  public int requests() {
    return requests.get();
  }

  /** Why requests could not be decoded; empty when every one was a valid export. */
  public List<String> failures() {
    return List.copyOf(failures);
  }

  public List<String> contentTypes() {
    return List.copyOf(contentTypes);
  }

  public List<ReceivedSpan> spans() {
    return List.copyOf(spans);
  }

  /** Waits until the spans received so far satisfy {@code done}; returns them either way. */
  public List<ReceivedSpan> awaitSpans(Predicate<List<ReceivedSpan>> done, Duration limit) {
    long deadline = System.nanoTime() + limit.toNanos();
    while (!done.test(spans()) && System.nanoTime() < deadline) {
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    return spans();
  }

  private void handle(HttpExchange exchange) throws IOException {
    requests.incrementAndGet();
    try (exchange;
        InputStream body = exchange.getRequestBody()) {
      byte[] bytes = body.readAllBytes();
      if (!"POST".equals(exchange.getRequestMethod())
          || !"/v1/traces".equals(exchange.getRequestURI().getPath())) {
        exchange.sendResponseHeaders(404, -1);
        return;
      }
      contentTypes.add(exchange.getRequestHeaders().getFirst("Content-Type"));
      try {
        spans.addAll(decode(ExportTraceServiceRequest.parseFrom(bytes)));
      } catch (IOException | RuntimeException | LinkageError e) {
        failures.add(e.toString());
        exchange.sendResponseHeaders(400, -1);
        return;
      }
      byte[] answer = ExportTraceServiceResponse.getDefaultInstance().toByteArray();
      exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
      exchange.sendResponseHeaders(200, answer.length == 0 ? -1 : answer.length);
      if (answer.length > 0) {
        exchange.getResponseBody().write(answer);
      }
    }
  }

  private static List<ReceivedSpan> decode(ExportTraceServiceRequest request) {
    List<ReceivedSpan> decoded = new ArrayList<>();
    for (ResourceSpans resourceSpans : request.getResourceSpansList()) {
      String service = serviceName(resourceSpans.getResource());
      for (ScopeSpans scopeSpans : resourceSpans.getScopeSpansList()) {
        for (Span span : scopeSpans.getSpansList()) {
          decoded.add(
              new ReceivedSpan(
                  span.getName(),
                  HEX.formatHex(span.getTraceId().toByteArray()),
                  HEX.formatHex(span.getSpanId().toByteArray()),
                  HEX.formatHex(span.getParentSpanId().toByteArray()),
                  span.getKind(),
                  span.getAttributesList(),
                  service));
        }
      }
    }
    return decoded;
  }

  private static String serviceName(Resource resource) {
    return resource.getAttributesList().stream()
        .filter(attribute -> attribute.getKey().equals("service.name"))
        .map(attribute -> text(attribute.getValue()))
        .findFirst()
        .orElse("");
  }

  private static String text(AnyValue value) {
    return switch (value.getValueCase()) {
      case STRING_VALUE -> value.getStringValue();
      case INT_VALUE -> Long.toString(value.getIntValue());
      case BOOL_VALUE -> Boolean.toString(value.getBoolValue());
      case DOUBLE_VALUE -> Double.toString(value.getDoubleValue());
      default -> value.toString();
    };
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
