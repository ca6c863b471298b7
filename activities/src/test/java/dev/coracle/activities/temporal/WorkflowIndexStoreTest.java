package dev.coracle.activities.temporal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coracle.activities.store.StoreSuite;
import dev.coracle.activities.store.TestStore;
import io.micronaut.context.ApplicationContext;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The workflow index in the store: upserted per run, bounded, newest first. */
@StoreSuite
class WorkflowIndexStoreTest {

  @TempDir Path dir;

  private ApplicationContext context;
  private WorkflowIndexStore index;

  @BeforeEach
  void open() {
    context =
        TestStore.start(
            dir.resolve("coracle.db"), Clock.fixed(Instant.ofEpochMilli(1_000), ZoneOffset.UTC));
    index = context.getBean(WorkflowIndexStore.class);
  }

  @AfterEach
  void close() {
    context.close();
  }

  @Test
  void a_run_recorded_again_is_updated_and_only_the_newest_are_kept() {
    index.record(List.of(run("chat-1", "r1", 100, 0, 1), run("chat-2", "r2", 200, 0, 1)), 10);
    index.record(List.of(run("chat-1", "r1", 100, 150, 2), run("chat-3", "r3", 300, 0, 2)), 2);

    assertThat(index.newest(10))
        .extracting(IndexedWorkflow::workflowId)
        .containsExactly("chat-3", "chat-2");
    index.record(List.of(run("chat-2", "r2", 200, 250, 2)), 2);
    IndexedWorkflow updated = index.run("chat-2", "").orElseThrow();
    assertThat(updated.closeTime()).isEqualTo(250);
    assertThat(updated.generation()).isEqualTo(2);
    assertThat(index.run("chat-2", "r2")).isPresent();
    assertThat(index.run("chat-2", "other")).isEmpty();
    assertThat(index.run("chat-1", "")).isEmpty();
  }

  private static IndexedWorkflow run(
      String workflowId, String runId, long start, long close, int generation) {
    return new IndexedWorkflow(
        null,
        workflowId,
        runId,
        "ChatWorkflow",
        "coracle",
        close == 0 ? 1 : 2,
        start,
        close,
        42,
        generation);
  }
}
