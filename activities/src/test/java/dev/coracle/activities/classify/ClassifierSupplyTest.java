package dev.coracle.activities.classify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coracle.activities.embeddings.LocalEmbeddings;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The classifier is built once, in the background, and a chat never waits long for it. */
class ClassifierSupplyTest {
  private static final TieredClassifier BUILT = new TieredClassifier(new LocalEmbeddings());

  @Test
  void a_chat_during_the_build_gets_nothing_and_the_build_goes_on() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    AtomicInteger builds = new AtomicInteger();
    ClassifierSupply supply =
        new ClassifierSupply(
            () -> {
              builds.incrementAndGet();
              try {
                release.await();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              return BUILT;
            });

    assertThat(supply.ready(Duration.ofMillis(100))).isEmpty();
    assertThat(supply.ready(Duration.ofMillis(100))).isEmpty();
    release.countDown();

    assertThat(supply.ready(Duration.ofSeconds(30))).containsSame(BUILT);
    assertThat(builds).hasValue(1);
  }

  @Test
  void a_failed_build_is_reported_and_tried_again() {
    AtomicInteger builds = new AtomicInteger();
    ClassifierSupply supply =
        new ClassifierSupply(
            () -> {
              if (builds.incrementAndGet() == 1) {
                throw new IllegalStateException("no model");
              }
              return BUILT;
            });

    assertThatThrownBy(() -> supply.ready(Duration.ofSeconds(30)))
        .isInstanceOf(IllegalStateException.class)
        .hasRootCauseMessage("no model");
    assertThat(supply.ready(Duration.ofSeconds(30))).containsSame(BUILT);
    assertThat(builds).hasValue(2);
  }
}
