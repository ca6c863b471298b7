package dev.coracle.activities.status;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coracle.activities.job.JobStore;
import dev.coracle.activities.store.AuditLog;
import dev.coracle.activities.store.MutableClock;
import dev.coracle.activities.store.StoreSuite;
import dev.coracle.activities.store.TestStore;
import dev.coracle.workflows.chat.ChatMessage;
import dev.coracle.workflows.chat.ChatRequest;
import dev.coracle.workflows.chat.RequestClass;
import dev.coracle.workflows.job.JobLimits;
import dev.coracle.workflows.job.JobRequest;
import io.micronaut.context.ApplicationContext;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@StoreSuite
class StatusActivitiesImplTest {

  static final Instant START = Instant.parse("2026-11-20T08:00:00Z");
  static final ChatRequest QUESTION =
      new ChatRequest(
          "coracle", List.of(new ChatMessage("user", "how is my job going?")), null, null);

  @TempDir Path dir;

  final MutableClock clock = new MutableClock(START);
  ApplicationContext context;
  AuditLog audit;
  StatusActivitiesImpl status;

  @BeforeEach
  void start() {
    context = TestStore.start(dir.resolve("coracle.db"), clock);
    audit = context.getBean(AuditLog.class);
    // Jobs and audit figures only: the engine part (slot, cooldowns) is covered end to end.
    status = new StatusActivitiesImpl(audit, clock, context.getBean(JobStatusLines.class));
  }

  @AfterEach
  void stop() {
    context.close();
  }

  @Test
  void empty_store_says_there_are_no_jobs_and_no_calls() {
    assertThat(status.answerStatus(QUESTION))
        .isEqualTo(
            """
            There are no coding jobs yet.
            No model calls in the last 24 h.
            No model has answered yet.""");
  }

  @Test
  void reports_the_last_day_per_model_and_the_last_answer() {
    audit.record("old", "fast", "ollama", "qwen2.5:7b", "ok", 5000, 5000, 10, null);
    clock.advance(Duration.ofHours(26));
    audit.record("wf-1", "deep", "groq", "llama-3.3-70b", "ok", 1200, 300, 900, null);
    audit.record("wf-2", "fast", "ollama", "qwen2.5:7b", "ok", 1000, 234, 400, null);
    clock.advance(Duration.ofMinutes(10));
    audit.record("wf-3", "deep", "groq", "llama-3.3-70b", "UPSTREAM_RATE_LIMITED", 0, 0, 50, "429");
    audit.record("wf-3", "deep", "ollama", "qwen2.5:7b", "ok", 2000, 500, 700, null);
    clock.advance(Duration.ofMinutes(3).plusSeconds(20));

    assertThat(status.answerStatus(QUESTION))
        .isEqualTo(
            """
            There are no coding jobs yet.
            Last 24 h: 3 answers, 1 failure.
            - groq/llama-3.3-70b: 1 answer, 1 failure, 1,500 tokens (1,200 in, 300 out).
            - ollama/qwen2.5:7b: 2 answers, 3,734 tokens (3,000 in, 734 out).
            Last answer: 3 min ago by ollama/qwen2.5:7b.""");
  }

  @Test
  void mentions_a_failure_newer_than_the_last_answer() {
    audit.record("wf-1", "fast", "ollama", "qwen2.5:7b", "ok", 10, 5, 100, null);
    clock.advance(Duration.ofHours(2));
    audit.record("wf-2", "fast", "groq", "llama", "UPSTREAM_UNAVAILABLE", 0, 0, 30, "503");
    clock.advance(Duration.ofSeconds(30));

    assertThat(status.answerStatus(QUESTION))
        .endsWith(
            """
            Last 24 h: 1 answer, 1 failure.
            - groq/llama: 0 answers, 1 failure, 0 tokens (0 in, 0 out).
            - ollama/qwen2.5:7b: 1 answer, 15 tokens (10 in, 5 out).
            Last answer: 2 h ago by ollama/qwen2.5:7b.
            Last call failed: less than a minute ago by groq/llama (UPSTREAM_UNAVAILABLE).""");
  }

  @Test
  void an_answer_older_than_a_day_still_shows_when_it_was() {
    audit.record("wf-1", "fast", "ollama", "qwen2.5:7b", "ok", 10, 5, 100, null);
    clock.advance(Duration.ofDays(3).plusHours(5));

    assertThat(status.answerStatus(QUESTION))
        .endsWith(
            """
            No model calls in the last 24 h.
            Last answer: 3 days ago by ollama/qwen2.5:7b.""");
  }

  @Test
  void jobs_come_first_then_the_model_figures() {
    ChatRequest chat =
        new ChatRequest(
            "coracle", List.of(new ChatMessage("user", "Add a login page")), null, null);
    JobStore jobs = context.getBean(JobStore.class);
    jobs.register(
        new JobRequest("job-1", chat, null, RequestClass.DEEP, JobLimits.defaults(), null),
        clock.millis());

    assertThat(status.answerStatus(QUESTION))
        .isEqualTo(
            """
            Job job-1 (Add a login page): queued, not started yet.
            No model calls in the last 24 h.
            No model has answered yet.""");
  }
}
