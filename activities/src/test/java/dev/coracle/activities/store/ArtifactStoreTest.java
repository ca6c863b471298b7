package dev.coracle.activities.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.ApplicationContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@StoreSuite
class ArtifactStoreTest {

  static final Instant NOON = Instant.parse("2026-11-20T12:00:00Z");

  @TempDir Path dir;

  final MutableClock clock = new MutableClock(NOON);

  @Test
  void put_stores_the_bytes_with_their_size_hash_and_time_under_a_ulid_id() {
    try (ApplicationContext context = start()) {
      ArtifactStore store = context.getBean(ArtifactStore.class);

      String id =
          store.put(
              "job-1",
              "tool-output",
              "run_shell",
              Artifact.TEXT,
              "abc".getBytes(StandardCharsets.UTF_8));

      assertThat(id).matches("art-[0-9A-HJKMNP-TV-Z]{26}");
      Artifact stored = store.get(id).orElseThrow();
      assertThat(stored.text()).isEqualTo("abc");
      assertThat(stored.size()).isEqualTo(3);
      // The SHA-256 of "abc", from FIPS 180-2.
      assertThat(stored.sha256())
          .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
      assertThat(stored.createdAt()).isEqualTo(NOON.toEpochMilli());
      assertThat(stored.jobId()).isEqualTo("job-1");
      assertThat(stored.kind()).isEqualTo("tool-output");
      assertThat(stored.mediaType()).isEqualTo(Artifact.TEXT);
    }
  }

  @Test
  void ids_sort_by_creation_time() {
    try (ApplicationContext context = start()) {
      ArtifactStore store = context.getBean(ArtifactStore.class);
      String first = store.put(null, "k", "a", Artifact.TEXT, new byte[] {1});
      clock.advance(Duration.ofMillis(1));
      String second = store.put(null, "k", "b", Artifact.TEXT, new byte[] {2});

      assertThat(first).isLessThan(second);
    }
  }

  @Test
  void for_job_lists_that_jobs_artifacts_oldest_first_without_content() {
    try (ApplicationContext context = start()) {
      ArtifactStore store = context.getBean(ArtifactStore.class);
      String snapshot =
          store.put("job-1", "workspace-snapshot", "snap", Artifact.TEXT, new byte[100]);
      store.put("job-2", "tool-output", "other", Artifact.TEXT, new byte[5]);
      String sameMillisecond = store.put("job-1", "tool-output", "out", Artifact.TEXT, new byte[7]);
      clock.advance(Duration.ofSeconds(1));
      String later = store.put("job-1", "tool-output", "out2", Artifact.TEXT, new byte[9]);

      assertThat(store.forJob("job-1"))
          .extracting(Artifact::id)
          .containsExactly(snapshot, sameMillisecond, later);
      assertThat(store.forJob("job-1"))
          .allSatisfy(a -> assertThat(a.content()).isEmpty())
          .extracting(Artifact::size)
          .containsExactly(100L, 7L, 9L);
      assertThat(store.get(snapshot).orElseThrow().content()).hasSize(100);
    }
  }

  @Test
  void get_of_an_unknown_id_is_empty() {
    try (ApplicationContext context = start()) {
      assertThat(context.getBean(ArtifactStore.class).get("art-nope")).isEmpty();
    }
  }

  private ApplicationContext start() {
    return TestStore.start(dir.resolve("coracle.db"), clock);
  }
}
