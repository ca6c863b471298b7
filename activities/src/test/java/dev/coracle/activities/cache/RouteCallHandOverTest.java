package dev.coracle.activities.cache;

import static dev.coracle.activities.cache.TestCache.ask;
import static org.assertj.core.api.Assertions.assertThat;

import dev.coracle.activities.answer.AnswerActivitiesImpl;
import dev.coracle.activities.answer.AnswerHub;
import dev.coracle.activities.store.AuditLog;
import dev.coracle.activities.store.MutableClock;
import dev.coracle.activities.store.StoreSuite;
import dev.coracle.fakes.FakeOpenAiServer;
import dev.coracle.workflows.chat.AnswerActivities;
import dev.coracle.workflows.chat.ChatErrorType;
import dev.coracle.workflows.chat.ChatRequest;
import dev.coracle.workflows.chat.ChatResult;
import dev.coracle.workflows.chat.Classification;
import dev.coracle.workflows.chat.RequestClass;
import dev.coracle.workflows.chat.RoutedAnswer;
import io.micronaut.context.ApplicationContext;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.testing.TestActivityEnvironment;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The one activity that routes a plain chat, calls its models and hands the answer over ({@code
 * AnswerRouteCallHandOver}), on the real store, router, model call and cache, against a fake OpenAI
 * upstream: what reaches the upstream, the waiting response, the audit table and the cache.
 */
@StoreSuite
class RouteCallHandOverTest {
  static final String QUESTION = "How do I reverse a list in Python?";
  static final Classification FAST =
      new Classification(RequestClass.FAST, 0.9, "rules", "short question");

  @TempDir Path dir;

  FakeOpenAiServer upstream;
  ApplicationContext context;
  TestActivityEnvironment temporal;
  AnswerActivities activity;
  AnswerHub hub;

  void start(String fastRoute) throws Exception {
    upstream = new FakeOpenAiServer().start();
    String yaml =
        """
        local:
          ollama:
            enabled: false
        providers:
          - name: cloudy
            kind: openai-compatible
            base-url: "%s"
            api-key: "${CLOUDY_API_KEY:test-key}"
            models: ["echo", "fail-500", "rate-limited"]
        routing:
          fast: %s
        """
                .formatted(upstream.baseUrl(), fastRoute)
            + TestCache.DEFAULT_CACHE;
    context =
        TestCache.start(
            dir.resolve("coracle.db"),
            new MutableClock(Instant.parse("2026-12-05T12:00:00Z")),
            TestCache.config(dir.resolve("home"), yaml));
    hub = context.getBean(AnswerHub.class);
    temporal = TestActivityEnvironment.newInstance();
    temporal.registerActivitiesImplementations(context.getBean(AnswerActivitiesImpl.class));
    // Attempted once, as the workflow's options say.
    activity =
        temporal.newActivityStub(
            AnswerActivities.class,
            ActivityOptions.newBuilder()
                .setStartToCloseTimeout(Duration.ofMinutes(1))
                .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(1).build())
                .build());
  }

  @AfterEach
  void stop() {
    if (temporal != null) {
      temporal.close();
    }
    if (context != null) {
      context.close();
    }
    if (upstream != null) {
      upstream.close();
    }
  }

  @Test
  void a_pass_through_reaches_the_upstream_once_and_is_handed_over_audited_and_stored()
      throws Exception {
    start("[cloudy/echo]");
    ChatRequest request = ask("cloudy/echo", QUESTION);
    CompletableFuture<ChatResult> waiting = hub.await("chat-pass");

    RoutedAnswer routed = activity.routeCallThenHandOver("chat-pass", request, FAST, true);

    assertThat(routed.answered()).isNotNull();
    assertThat(routed.answered().content()).isEqualTo("echo: " + QUESTION);
    assertThat(waiting).isCompletedWithValue(routed.answered());
    assertThat(upstream.requests("/v1/chat/completions")).hasSize(1);
    assertThat(context.getBean(AuditLog.class).latest(10))
        .extracting(entry -> entry.model() + " " + entry.outcome())
        .containsExactly("echo ok");
    assertThat(context.getBean(SemanticCache.class).lookup(request).hit()).isTrue();
  }

  @Test
  void a_failing_upstream_is_asked_twice_then_the_next_candidate_answers_once_handed_over()
      throws Exception {
    start("[cloudy/fail-500, cloudy/echo]");
    CompletableFuture<ChatResult> waiting = hub.await("chat-fallback");

    RoutedAnswer routed =
        activity.routeCallThenHandOver("chat-fallback", ask("coracle", QUESTION), FAST, false);

    assertThat(routed.answered().model()).isEqualTo("echo");
    assertThat(routed.answered().fallbacks())
        .singleElement()
        .asString()
        .startsWith("cloudy/fail-500: ");
    assertThat(waiting).isCompletedWithValue(routed.answered());
    assertThat(upstream.requests("/v1/chat/completions"))
        .extracting(recorded -> recorded.body().path("model").asText())
        .containsExactly("fail-500", "fail-500", "echo");
    assertThat(context.getBean(AuditLog.class).latest(10))
        .extracting(entry -> entry.model() + " " + entry.outcome())
        .containsExactlyInAnyOrder(
            "fail-500 UPSTREAM_UNAVAILABLE", "fail-500 UPSTREAM_UNAVAILABLE", "echo ok");
    assertThat(context.getBean(SemanticCache.class).stats().entries())
        .as("not stored when the workflow did not ask")
        .isZero();
  }

  @Test
  void when_no_candidate_answers_nothing_is_handed_over_and_the_failure_names_each()
      throws Exception {
    start("[cloudy/rate-limited, cloudy/fail-500]");
    ChatRequest request = ask("coracle", QUESTION);
    CompletableFuture<ChatResult> waiting = hub.await("chat-none");

    RoutedAnswer routed = activity.routeCallThenHandOver("chat-none", request, FAST, true);

    assertThat(routed.answered()).isNull();
    assertThat(routed.failureType()).isEqualTo(ChatErrorType.NO_PROVIDER.name());
    assertThat(routed.failure())
        .startsWith("no provider could answer: cloudy/rate-limited: ")
        .contains("; cloudy/fail-500: ");
    assertThat(waiting).isNotDone();
    // The rate limit moves on at once; the 500 gets its second attempt.
    assertThat(upstream.requests("/v1/chat/completions")).hasSize(3);
    assertThat(context.getBean(SemanticCache.class).lookup(request).hit()).isFalse();
  }
}
