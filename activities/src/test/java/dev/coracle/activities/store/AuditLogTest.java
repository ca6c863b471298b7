package dev.coracle.activities.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.context.ApplicationContext;
import io.micronaut.core.type.Argument;
import io.micronaut.transaction.TransactionOperations;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@StoreSuite
class AuditLogTest {

  static final Instant NOON = Instant.parse("2026-11-20T12:00:00Z");

  @TempDir Path dir;

  final MutableClock clock = new MutableClock(NOON);

  @Test
  void record_stamps_the_row_with_the_clock_and_a_generated_id() {
    try (ApplicationContext context = start()) {
      AuditLog audit = context.getBean(AuditLog.class);

      audit.record("wf-1", "fast", "ollama", "qwen2.5:7b", "ok", 10, 5, 120, null);
      clock.advance(Duration.ofSeconds(1));
      audit.record(
          "wf-2", "deep", "groq", "llama", "UPSTREAM_RATE_LIMITED", 0, 0, 30, "429 slow down");

      List<AuditEntry> rows = audit.latest(10);
      assertThat(rows).hasSize(2);
      AuditEntry second = rows.get(0);
      AuditEntry first = rows.get(1);
      assertThat(first.id()).isNotNull();
      assertThat(second.id()).isGreaterThan(first.id());
      assertThat(first)
          .isEqualTo(
              new AuditEntry(
                  first.id(),
                  NOON.toEpochMilli(),
                  "wf-1",
                  "fast",
                  "ollama",
                  "qwen2.5:7b",
                  "ok",
                  10,
                  5,
                  120,
                  null));
      assertThat(context.getBean(AuditRepository.class).findById(second.id()))
          .contains(
              new AuditEntry(
                  second.id(),
                  NOON.plusSeconds(1).toEpochMilli(),
                  "wf-2",
                  "deep",
                  "groq",
                  "llama",
                  "UPSTREAM_RATE_LIMITED",
                  0,
                  0,
                  30,
                  "429 slow down"));
    }
  }

  @Test
  void a_repository_save_after_a_recorded_call_in_the_same_transaction_still_gets_its_id() {
    try (ApplicationContext context = start()) {
      AuditLog audit = context.getBean(AuditLog.class);
      AuditRepository repository = context.getBean(AuditRepository.class);
      TransactionOperations<Connection> transactions =
          context.getBean(Argument.of(TransactionOperations.class, Connection.class));

      AuditEntry saved =
          transactions.executeWrite(
              status -> {
                // The audit insert does not fetch its generated id; the connection must still
                // fetch it for the next statement that asks.
                audit.record("wf-1", "fast", "fake", "fake-model", "ok", 1, 1, 1, null);
                return repository.save(
                    new AuditEntry(
                        null,
                        NOON.toEpochMilli(),
                        "wf-2",
                        "fast",
                        "fake",
                        "fake-model",
                        "ok",
                        2,
                        2,
                        2,
                        null));
              });

      assertThat(saved.id()).isNotNull();
      assertThat(repository.findById(saved.id())).map(AuditEntry::workflowId).contains("wf-2");
      assertThat(audit.latest(10))
          .extracting(AuditEntry::workflowId)
          .containsExactly("wf-2", "wf-1");
    }
  }

  @Test
  void summary_totals_calls_per_provider_and_model_since_a_moment() {
    try (ApplicationContext context = start()) {
      AuditLog audit = context.getBean(AuditLog.class);
      audit.record("old", "fast", "ollama", "qwen2.5:7b", "ok", 1000, 1000, 10, null);
      clock.advance(Duration.ofHours(2));
      audit.record("wf-1", "fast", "ollama", "qwen2.5:7b", "ok", 100, 20, 10, null);
      audit.record("wf-2", "fast", "ollama", "qwen2.5:7b", "ok", 200, 30, 10, null);
      audit.record("wf-3", "deep", "groq", "llama", "UPSTREAM_UNAVAILABLE", 0, 0, 10, "503");

      AuditSummary summary = audit.summarySince(NOON.plus(Duration.ofHours(1)));

      assertThat(summary.models())
          .containsExactly(
              new ModelTotals("ollama", "qwen2.5:7b", 2, 0, 300, 50),
              new ModelTotals("groq", "llama", 1, 1, 0, 0));
      assertThat(summary.calls()).isEqualTo(3);
      assertThat(summary.failures()).isEqualTo(1);
      assertThat(context.getBean(AuditRepository.class).countByAtGreaterThanEquals(0)).isEqualTo(4);
      assertThat(audit.latest(2))
          .extracting(AuditEntry::workflowId)
          .containsExactly("wf-3", "wf-2");
      assertThat(audit.lastAnswer()).map(AuditEntry::workflowId).contains("wf-2");
    }
  }

  @Test
  void the_totals_count_calls_by_the_minute_and_leave_routing_decisions_out() {
    try (ApplicationContext context = start()) {
      AuditLog audit = context.getBean(AuditLog.class);
      audit.record("before", "fast", "groq", "llama", "ok", 5, 5, 10, null);
      clock.advance(Duration.ofMinutes(1));
      audit.record("wf-1", "fast", "groq", "llama", "ok", 10, 1, 10, null);
      audit.record("wf-1", "fast", "groq", "llama", "SKIPPED", 0, 0, 0, "cooling down");
      audit.record("wf-1", "fast", "groq", "llama", "QUOTA_EXHAUSTED", 0, 0, 0, "per day");
      clock.advance(Duration.ofSeconds(59));
      audit.record("wf-2", "fast", "groq", "llama", "UPSTREAM_UNAVAILABLE", 0, 0, 10, "503");
      clock.advance(Duration.ofSeconds(2));
      audit.record("wf-3", "fast", "groq", "llama", "ok", 20, 2, 10, null);

      // From the minute that holds the moment: its calls count, the minute before does not.
      AuditSummary summary = audit.summarySince(NOON.plus(Duration.ofSeconds(90)));

      assertThat(summary.models()).containsExactly(new ModelTotals("groq", "llama", 3, 1, 30, 3));
      assertThat(audit.summarySince(NOON).calls()).isEqualTo(4);
    }
  }

  @Test
  void read_only_transactions_need_the_tolerant_driver() {
    try (ApplicationContext context = start()) {
      // A read-only transaction (what @ReadOnly methods run in) calls setReadOnly(true).
      assertThat(countInReadOnlyTransaction(context)).isZero();
    }
    Map<String, Object> plain =
        new HashMap<>(StoreProperties.forDatabase(dbFile(), TestStore.BUSY_TIMEOUT));
    plain.put("datasources.default.driver-class-name", "org.sqlite.JDBC");
    try (ApplicationContext context =
        ApplicationContext.builder().properties(plain).singletons(clock).start()) {
      assertThatThrownBy(() -> countInReadOnlyTransaction(context))
          .hasStackTraceContaining("read-only");
    }
  }

  private static long countInReadOnlyTransaction(ApplicationContext context) {
    TransactionOperations<Connection> transactions =
        context.getBean(Argument.of(TransactionOperations.class, Connection.class));
    AuditRepository repository = context.getBean(AuditRepository.class);
    return transactions.executeRead(status -> repository.countByAtGreaterThanEquals(0));
  }

  @Test
  void concurrent_writers_and_readers_wait_for_each_other_instead_of_failing() throws Exception {
    try (ApplicationContext context = start()) {
      AuditLog audit = context.getBean(AuditLog.class);
      ExecutorService pool = Executors.newFixedThreadPool(8);
      try {
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
          String workflowId = "wf-" + t;
          futures.add(
              pool.submit(
                  () -> {
                    for (int i = 0; i < 25; i++) {
                      audit.record(workflowId, "fast", "ollama", "m", "ok", 1, 1, 1, null);
                      audit.summarySince(NOON);
                    }
                  }));
        }
        for (Future<?> future : futures) {
          future.get(60, TimeUnit.SECONDS);
        }
      } finally {
        pool.shutdownNow();
      }
      assertThat(audit.summarySince(NOON).calls()).isEqualTo(200);
    }
  }

  @Test
  void rows_survive_closing_and_reopening_the_store() {
    try (ApplicationContext context = start()) {
      context.getBean(AuditLog.class).record("wf-1", "fast", "ollama", "m", "ok", 3, 4, 5, null);
    }
    try (ApplicationContext context = start()) {
      assertThat(context.getBean(AuditLog.class).latest(10))
          .singleElement()
          .satisfies(e -> assertThat(e.workflowId()).isEqualTo("wf-1"))
          .satisfies(e -> assertThat(e.at()).isEqualTo(NOON.toEpochMilli()));
    }
  }

  private ApplicationContext start() {
    return TestStore.start(dbFile(), clock);
  }

  private Path dbFile() {
    return dir.resolve("coracle.db");
  }
}
