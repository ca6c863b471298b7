package dev.coracle.activities.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coracle.activities.config.CoracleConfig;
import dev.coracle.activities.config.LoadedConfig;
import io.micronaut.context.ApplicationContext;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@StoreSuite
class ResponseStoreTest {
  static final Instant NOON = Instant.parse("2026-12-04T12:00:00Z");

  @TempDir Path dir;

  final MutableClock clock = new MutableClock(NOON);

  @Test
  void a_stored_response_is_read_back_until_its_ttl_and_then_purged_by_the_next_save() {
    try (ApplicationContext context = start(2)) {
      ResponseStore store = context.getBean(ResponseStore.class);
      StoredResponseRepository rows = context.getBean(StoredResponseRepository.class);

      store.save("resp_a", null, "[{\"role\":\"user\",\"content\":\"hi\"}]", "{\"id\":\"resp_a\"}");
      clock.advance(Duration.ofHours(1));
      assertThat(store.find("resp_a"))
          .get()
          .extracting(StoredResponse::responseJson)
          .isEqualTo("{\"id\":\"resp_a\"}");
      assertThat(store.find("resp_a").orElseThrow().expiresAt())
          .isEqualTo(NOON.plus(Duration.ofHours(2)).toEpochMilli());

      clock.advance(Duration.ofHours(1));
      assertThat(store.find("resp_a")).as("expired at exactly its TTL").isEmpty();
      assertThat(rows.count()).isEqualTo(1);

      store.save("resp_b", "resp_a", "[]", "{}");
      assertThat(rows.findAll()).extracting(StoredResponse::id).containsExactly("resp_b");
      assertThat(store.find("resp_b").orElseThrow().previousResponseId()).isEqualTo("resp_a");
    }
  }

  @Test
  void saving_the_same_id_again_replaces_the_row() {
    try (ApplicationContext context = start(720)) {
      ResponseStore store = context.getBean(ResponseStore.class);
      store.save("resp_a", null, "[]", "{\"n\":1}");
      store.save("resp_a", null, "[]", "{\"n\":2}");

      assertThat(store.find("resp_a").orElseThrow().responseJson()).isEqualTo("{\"n\":2}");
      assertThat(context.getBean(StoredResponseRepository.class).count()).isEqualTo(1);
    }
  }

  private ApplicationContext start(int ttlHours) {
    CoracleConfig config =
        new CoracleConfig(
            null,
            null,
            null,
            null,
            List.of(),
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            new CoracleConfig.ResponsesConfig(ttlHours));
    LoadedConfig loaded = new LoadedConfig(config, dir, null, Map.of());
    return ApplicationContext.builder()
        .properties(TestStore.properties(dir.resolve("coracle.db")))
        .singletons(clock, loaded)
        .start();
  }
}
