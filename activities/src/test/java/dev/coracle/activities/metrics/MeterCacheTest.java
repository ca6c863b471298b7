package dev.coracle.activities.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class MeterCacheTest {

  @Test
  void a_key_is_built_once_until_the_cache_is_full_then_every_time() {
    MeterCache<Integer, String> cache = new MeterCache<>();
    AtomicInteger builds = new AtomicInteger();

    for (int round = 0; round < 2; round++) {
      for (int key = 0; key < MeterCache.MAX_SIZE; key++) {
        assertThat(cache.get(key, k -> "meter " + k + " #" + builds.incrementAndGet()))
            .startsWith("meter " + key + " ");
      }
    }
    assertThat(builds).hasValue(MeterCache.MAX_SIZE);

    cache.get(-1, k -> "meter " + k + " #" + builds.incrementAndGet());
    cache.get(-1, k -> "meter " + k + " #" + builds.incrementAndGet());
    assertThat(builds).hasValue(MeterCache.MAX_SIZE + 2);
  }
}
