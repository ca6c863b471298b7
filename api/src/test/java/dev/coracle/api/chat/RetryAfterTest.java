package dev.coracle.api.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryAfterTest {

  @Test
  void seconds_are_rounded_up_and_never_below_one() {
    assertThat(RetryAfter.ceilSeconds(Duration.ofMillis(52_001))).isEqualTo(53);
    assertThat(RetryAfter.ceilSeconds(Duration.ofSeconds(53))).isEqualTo(53);
    assertThat(RetryAfter.ceilSeconds(Duration.ofMillis(200))).isEqualTo(1);
    assertThat(RetryAfter.ceilSeconds(Duration.ZERO)).isEqualTo(1);
    assertThat(RetryAfter.ceilSeconds(Duration.ofSeconds(-5))).isEqualTo(1);
  }
}
