package dev.coracle.api.recycle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coracle.api.CoracleUnderTest;
import dev.coracle.api.HttpCalls;
import dev.coracle.worker.TemporalConnection;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the embedded server holds stays bounded however many requests come in: with a threshold of
 * 100 workflows, 600 status chats leave only the last server open, not 600 workflows. (The heap
 * figures themselves come from deploy/bench/soak.sh, in docs/benchmarks.md.)
 */
class RecycleBoundsIT {
  private static final int THRESHOLD = 100;
  private static final int CHATS = 600;

  @TempDir Path home;

  @Test
  void six_hundred_status_chats_with_a_threshold_of_one_hundred_leave_at_most_a_few_hundred_held()
      throws Exception {
    try (CoracleUnderTest coracle =
        CoracleUnderTest.start(
            home,
            CoracleUnderTest.cloudOnly(""),
            Map.of("CORACLE_TEMPORAL_RECYCLE_AFTER_WORKFLOWS", Integer.toString(THRESHOLD)))) {
      String body =
          """
          {"model": "coracle", "messages": [{"role": "user", "content": "what's the status of my jobs?"}]}
          """;
      for (int i = 0; i < CHATS; i++) {
        assertThat(HttpCalls.post(coracle.url("/v1/chat/completions"), body).statusCode())
            .as("chat %d", i)
            .isEqualTo(200);
      }
      TemporalConnection temporal = coracle.server().temporal();

      assertThat(temporal.recycles()).isGreaterThanOrEqualTo(2);
      assertThat(temporal.generation()).isEqualTo(temporal.recycles() + 1);
      // Without recycling all 600 would stay held. Replaced servers close once their last
      // workflow has been quiet a moment; then only the current one is left. The start that
      // fills a server triggers its replacement, so however fast the chats come, a server
      // overshoots only by the starts that arrive while its successor starts.
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (temporal.heldWorkflows() > 2 * THRESHOLD && System.nanoTime() < deadline) {
        Thread.sleep(100);
      }
      assertThat(temporal.heldWorkflows()).isLessThanOrEqualTo(2 * THRESHOLD);
    }
  }
}
