package dev.coracle.api;

import static dev.coracle.api.HttpCalls.chat;
import static dev.coracle.api.HttpCalls.post;
import static org.assertj.core.api.Assertions.assertThat;

import dev.coracle.api.FakeOtlpReceiver.ReceivedSpan;
import dev.coracle.fakes.FakeOpenAiServer;
import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * OpenTelemetry tracing against a fake OTLP/HTTP collector: with {@code tracing.enabled} a chat
 * sent with a {@code traceparent} makes one trace from the HTTP request through the chat workflow
 * to the model call; by default nothing is sent and no OpenTelemetry class is even loaded.
 */
class TracingIT {
  private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
  private static final String CLIENT_SPAN_ID = "00f067aa0ba902b7";
  private static final String TRACEPARENT = "00-" + TRACE_ID + "-" + CLIENT_SPAN_ID + "-01";
  private static final String PROMPT = "the secret prompt text 7f3a";

  @TempDir Path home;
  @TempDir Path logs;

  private static String config(String cloudUrl) {
    return CoracleUnderTest.cloudOnly(
        "providers:\n" + CoracleUnderTest.openAiProvider("fake", cloudUrl, "echo"));
  }

  @Test
  void one_trace_goes_from_the_http_request_through_the_workflow_to_the_model_call() {
    try (FakeOtlpReceiver receiver = new FakeOtlpReceiver();
        FakeOpenAiServer cloud = new FakeOpenAiServer().start()) {
      CoracleUnderTest coracle =
          CoracleUnderTest.start(
              home,
              config(cloud.baseUrl()),
              Map.of(
                  "CORACLE_TRACING_ENABLED", "true",
                  "CORACLE_TRACING_OTLP_ENDPOINT", receiver.endpoint() + "/",
                  "CORACLE_TRACING_SERVICE_NAME", "coracle-under-test"));
      try {
        HttpResponse<String> answer =
            post(
                coracle.url("/v1/chat/completions"),
                chat("fake/echo", PROMPT, ""),
                "traceparent",
                TRACEPARENT);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
      } finally {
        coracle.close();
      }
      List<ReceivedSpan> spans =
          receiver.awaitSpans(
              received -> received.stream().anyMatch(span -> span.name().startsWith("RunActivity")),
              Duration.ofSeconds(30));
      String seen = describe(spans);

      assertThat(receiver.failures()).isEmpty();
      assertThat(receiver.contentTypes()).as(seen).allMatch("application/x-protobuf"::equals);
      ReceivedSpan http = only(spans, span -> span.kind() == SpanKind.SPAN_KIND_SERVER, seen);
      assertThat(http.name()).isEqualTo("POST /v1/chat/completions");
      assertThat(http.traceId()).as("the client's trace goes on").isEqualTo(TRACE_ID);
      assertThat(http.parentSpanId()).isEqualTo(CLIENT_SPAN_ID);
      assertThat(http.attribute("http.response.status_code")).contains("200");
      assertThat(http.attribute("http.route")).contains("/v1/chat/completions");
      assertThat(http.serviceName()).isEqualTo("coracle-under-test");

      ReceivedSpan start = only(spans, named("StartWorkflow:ChatWorkflow"), seen);
      assertThat(start.traceId()).isEqualTo(TRACE_ID);
      assertThat(start.parentSpanId()).as(seen).isEqualTo(http.spanId());
      ReceivedSpan run = only(spans, named("RunWorkflow:ChatWorkflow"), seen);
      assertThat(run.traceId()).isEqualTo(TRACE_ID);
      assertThat(run.parentSpanId()).as(seen).isEqualTo(start.spanId());

      List<ReceivedSpan> activities =
          spans.stream().filter(span -> span.name().startsWith("RunActivity:")).toList();
      assertThat(activities).as(seen).isNotEmpty();
      assertThat(activities).allMatch(span -> span.traceId().equals(TRACE_ID), seen);
      for (ReceivedSpan activity : activities) {
        ReceivedSpan scheduled = byId(spans, activity.parentSpanId()).orElseThrow();
        assertThat(scheduled.name()).as(seen).startsWith("StartActivity:");
        assertThat(scheduled.parentSpanId()).as(seen).isEqualTo(run.spanId());
      }
      assertThat(activities)
          .extracting(ReceivedSpan::name)
          .as(seen)
          .contains("RunActivity:AnswerRouteCallHandOver");

      for (ReceivedSpan span : spans) {
        assertThat(span.attributeValues())
            .as("span %s carries no prompt text", span.name())
            .noneMatch(value -> value.contains("secret prompt"));
      }
    }
  }

  @Test
  void off_by_default_sends_nothing_and_loads_no_opentelemetry_class() throws IOException {
    try (FakeOtlpReceiver receiver = new FakeOtlpReceiver();
        FakeOpenAiServer cloud = new FakeOpenAiServer().start()) {
      Run run = runTracedChat(cloud, Map.of("CORACLE_TRACING_OTLP_ENDPOINT", receiver.endpoint()));

      assertThat(receiver.requests()).as("no OTLP request with tracing off").isZero();
      assertThat(run.stdout()).doesNotContain("OTLP/HTTP");
      List<String> loaded = run.loadedClasses();
      assertThat(loaded)
          .as("the class-load log lists coracle's classes, the tracing filter among them")
          .anyMatch(line -> line.contains(" dev.coracle.api.tracing.TracingFilter "));
      assertThat(loaded)
          .as("no OpenTelemetry or OpenTracing class is loaded with tracing off")
          .noneMatch(TracingIT::isTracingLibrary);
    }
  }

  @Test
  void the_runnable_jar_exports_when_tracing_is_on() throws IOException {
    try (FakeOtlpReceiver receiver = new FakeOtlpReceiver();
        FakeOpenAiServer cloud = new FakeOpenAiServer().start()) {
      Run run =
          runTracedChat(
              cloud,
              Map.of(
                  "CORACLE_TRACING_ENABLED",
                  "true",
                  "CORACLE_TRACING_OTLP_ENDPOINT",
                  receiver.endpoint()));

      // The same check as with tracing off, so it is known to see these classes when they load.
      assertThat(run.loadedClasses()).anyMatch(TracingIT::isTracingLibrary);
      assertThat(run.stdout())
          .contains("tracing       OTLP/HTTP to " + receiver.endpoint() + " as service coracle");
      assertThat(receiver.failures()).isEmpty();
      assertThat(receiver.spans())
          .as(describe(receiver.spans()))
          .filteredOn(span -> span.traceId().equals(TRACE_ID))
          .extracting(ReceivedSpan::name)
          .contains(
              "POST /v1/chat/completions",
              "RunWorkflow:ChatWorkflow",
              "RunActivity:AnswerRouteCallHandOver")
          .allMatch(name -> !name.isEmpty());
      assertThat(receiver.spans()).allMatch(span -> span.serviceName().equals("coracle"));
    }
  }

  @Test
  void the_split_roles_trace_one_chat_across_processes() throws IOException {
    try (FakeOtlpReceiver receiver = new FakeOtlpReceiver();
        FakeOpenAiServer cloud = new FakeOpenAiServer().start()) {
      int temporalPort = CoracleProcess.freePort();
      String[] connection = {
        "--temporal",
        "127.0.0.1:" + temporalPort,
        "--store",
        "jdbc:sqlite:" + home.resolve("shared.db")
      };
      try (CoracleProcess temporal =
              role("temporal", cloud, receiver, "--port", Integer.toString(temporalPort));
          CoracleProcess worker =
              awaitTemporal(temporal, () -> role("worker", cloud, receiver, connection));
          CoracleProcess api = role("api", cloud, receiver, connection)) {
        worker.awaitOutput("coracle worker ready", Duration.ofSeconds(90));
        api.awaitReady(Duration.ofSeconds(90));
        HttpResponse<String> answer =
            post(
                api.baseUrl() + "/v1/chat/completions",
                chat("fake/echo", PROMPT, ""),
                "traceparent",
                TRACEPARENT);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);

        List<ReceivedSpan> spans =
            receiver.awaitSpans(
                received ->
                    received.stream()
                        .map(ReceivedSpan::name)
                        .toList()
                        .containsAll(
                            List.of(
                                "POST /v1/chat/completions",
                                "StartWorkflow:ChatWorkflow",
                                "RunActivity:AnswerRouteCallHandOver")),
                Duration.ofSeconds(30));
        String seen = describe(spans);
        ReceivedSpan http = only(spans, named("POST /v1/chat/completions"), seen);
        ReceivedSpan start = only(spans, named("StartWorkflow:ChatWorkflow"), seen);
        ReceivedSpan run = only(spans, named("RunWorkflow:ChatWorkflow"), seen);
        ReceivedSpan call = only(spans, named("RunActivity:AnswerRouteCallHandOver"), seen);
        assertThat(List.of(http, start, run, call))
            .as(seen)
            .allMatch(span -> span.traceId().equals(TRACE_ID));
        assertThat(start.parentSpanId()).isEqualTo(http.spanId());
        assertThat(run.parentSpanId()).isEqualTo(start.spanId());
        assertThat(List.of(http.serviceName(), start.serviceName())).containsOnly("coracle-api");
        assertThat(List.of(run.serviceName(), call.serviceName())).containsOnly("coracle-worker");
      }
    }
  }

  private static CoracleProcess awaitTemporal(
      CoracleProcess temporal, Supplier<CoracleProcess> next) {
    temporal.awaitOutput("coracle temporal ready", Duration.ofSeconds(60));
    return next.get();
  }

  /** A split role with its own home, tracing on and named after the role. */
  private CoracleProcess role(
      String role, FakeOpenAiServer cloud, FakeOtlpReceiver receiver, String... args) {
    try {
      Path roleHome = Files.createDirectories(home.resolve(role));
      Files.writeString(roleHome.resolve("coracle.yml"), config(cloud.baseUrl()));
      return CoracleProcess.launchRole(
          role,
          roleHome,
          logs,
          Map.of(
              "CORACLE_TRACING_ENABLED",
              "true",
              "CORACLE_TRACING_OTLP_ENDPOINT",
              receiver.endpoint(),
              "CORACLE_TRACING_SERVICE_NAME",
              "coracle-" + role),
          args);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * {@code coracle serve} from the runnable jar with a class-load log: one chat with a {@code
   * traceparent}, then SIGTERM (which sends what is left to export). Returns the log.
   */
  private Run runTracedChat(FakeOpenAiServer cloud, Map<String, String> env) throws IOException {
    Files.writeString(home.resolve("coracle.yml"), config(cloud.baseUrl()));
    Path classes = logs.resolve("classes.txt");
    Map<String, String> withLog = new HashMap<>(env);
    withLog.put("JAVA_TOOL_OPTIONS", "-Xlog:class+load=info:file=" + classes);
    try (CoracleProcess coracle = CoracleProcess.launch(home, logs, withLog)) {
      coracle.awaitReady(Duration.ofSeconds(90));
      HttpResponse<String> answer =
          post(
              coracle.baseUrl() + "/v1/chat/completions",
              chat("fake/echo", PROMPT, ""),
              "traceparent",
              TRACEPARENT);
      assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
      coracle.process.destroy(); // SIGTERM
      assertThat(coracle.awaitExit(Duration.ofSeconds(30))).isZero();
      assertThat(coracle.stderrText()).doesNotContain("Exception");
      return new Run(Files.readAllLines(classes), coracle.stdoutText());
    }
  }

  /** What a run left: its class-load log and its standard output. */
  private record Run(List<String> loadedClasses, String stdout) {}

  private static boolean isTracingLibrary(String classLoadLine) {
    return classLoadLine.contains(" io.opentelemetry.")
        || classLoadLine.contains(" io.opentracing.");
  }

  private static Predicate<ReceivedSpan> named(String name) {
    return span -> span.name().equals(name);
  }

  private static ReceivedSpan only(
      List<ReceivedSpan> spans, Predicate<ReceivedSpan> which, String seen) {
    List<ReceivedSpan> matching = spans.stream().filter(which).toList();
    assertThat(matching).as(seen).hasSize(1);
    return matching.get(0);
  }

  private static Optional<ReceivedSpan> byId(List<ReceivedSpan> spans, String spanId) {
    return spans.stream().filter(span -> span.spanId().equals(spanId)).findFirst();
  }

  private static String describe(List<ReceivedSpan> spans) {
    return spans.stream()
        .map(
            span ->
                "%s trace=%s id=%s parent=%s kind=%s attrs=%s"
                    .formatted(
                        span.name(),
                        span.traceId(),
                        span.spanId(),
                        span.parentSpanId(),
                        span.kind(),
                        span.attributes().stream()
                            .map(a -> a.getKey())
                            .collect(Collectors.joining(","))))
        .collect(Collectors.joining("\n", "spans received:\n", ""));
  }
}
