package dev.coracle.activities.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.ApplicationContext;
import java.nio.file.Path;
import java.time.Instant;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AfterAnswerWritesTest {

  @TempDir Path dir;

  final MutableClock clock = new MutableClock(Instant.parse("2026-12-05T02:00:00Z"));

  @Test
  void the_audit_log_shows_every_call_queued_before_it_is_read() {
    try (ApplicationContext context = start()) {
      AfterAnswerWrites writes = context.getBean(AfterAnswerWrites.class);
      AuditLog audit = context.getBean(AuditLog.class);
      IntStream.range(0, 500).forEach(i -> writes.submit("row " + i, () -> call(audit, i)));

      assertThat(audit.latest(1000)).hasSize(500);
      assertThat(audit.summarySince(clock.instant()).models().get(0).calls()).isEqualTo(500);
    }
  }

  @Test
  void a_write_that_fails_costs_the_others_of_its_batch_nothing() {
    try (ApplicationContext context = start()) {
      AfterAnswerWrites writes = context.getBean(AfterAnswerWrites.class);
      AuditLog audit = context.getBean(AuditLog.class);
      for (int i = 0; i < 50; i++) {
        int n = i;
        writes.submit(
            "row " + n,
            () -> {
              call(audit, n);
              if (n == 25) {
                throw new IllegalStateException("this one fails after its insert");
              }
            });
      }

      assertThat(audit.latest(100))
          .hasSize(49)
          .noneMatch(entry -> entry.workflowId().equals("chat-25"));
    }
  }

  @Test
  void writes_still_queued_at_shutdown_reach_the_store() {
    try (ApplicationContext context = start()) {
      AfterAnswerWrites writes = context.getBean(AfterAnswerWrites.class);
      AuditLog audit = context.getBean(AuditLog.class);
      IntStream.range(0, 300).forEach(i -> writes.submit("row " + i, () -> call(audit, i)));
    }
    try (ApplicationContext reopened = start()) {
      assertThat(reopened.getBean(AuditRepository.class).count()).isEqualTo(300);
    }
  }

  private static void call(AuditLog audit, int n) {
    audit.record("chat-" + n, "fast", "fake", "fake-model", AuditEntry.OK, 10, 5, 1, null);
  }

  private ApplicationContext start() {
    return TestStore.start(dir.resolve("coracle.db"), clock);
  }
}
