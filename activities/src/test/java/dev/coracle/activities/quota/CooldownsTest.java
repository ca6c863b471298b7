package dev.coracle.activities.quota;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coracle.activities.providers.RateLimitInfo;
import dev.coracle.activities.providers.RateLimitInfo.Scope;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class CooldownsTest {

  static final Instant NOW = Instant.parse("2026-11-20T12:00:00Z");

  @Test
  void retry_after_comes_first() {
    RateLimitInfo info =
        new RateLimitInfo(
            null,
            0,
            null,
            null,
            NOW.plusSeconds(600),
            null,
            Duration.ofSeconds(5),
            Scope.DAY,
            null);

    assertThat(Cooldowns.until(info, NOW, ZoneOffset.UTC)).isEqualTo(NOW.plusSeconds(5));
  }

  @Test
  void then_the_reset_of_the_window_that_ran_out() {
    RateLimitInfo tokensOut =
        new RateLimitInfo(
            1000, 10, 6000, 0, NOW.plusSeconds(3000), NOW.plusSeconds(20), null, null, null);

    assertThat(Cooldowns.until(tokensOut, NOW, ZoneOffset.UTC)).isEqualTo(NOW.plusSeconds(20));
  }

  @Test
  void then_the_end_of_the_window_the_scope_names() {
    ZoneId pacific = ZoneId.of("America/Los_Angeles");

    assertThat(Cooldowns.until(scoped(Scope.DAY), NOW, pacific))
        .isEqualTo(Instant.parse("2026-11-21T08:00:00Z"));
    assertThat(Cooldowns.until(scoped(Scope.HOUR), NOW.plusSeconds(90), ZoneOffset.UTC))
        .isEqualTo(NOW.plusSeconds(3600));
    assertThat(Cooldowns.until(scoped(Scope.MINUTE), NOW, pacific)).isEqualTo(NOW.plusSeconds(60));
  }

  @Test
  void else_a_minute() {
    assertThat(Cooldowns.until(scoped(Scope.UNKNOWN), NOW, ZoneOffset.UTC))
        .isEqualTo(NOW.plusSeconds(60));
    assertThat(Cooldowns.until(null, NOW, ZoneOffset.UTC)).isEqualTo(NOW.plusSeconds(60));
  }

  @Test
  void resets_in_the_past_are_ignored() {
    RateLimitInfo stale =
        new RateLimitInfo(null, 0, null, null, NOW.minusSeconds(5), null, null, null, null);

    assertThat(Cooldowns.until(stale, NOW, ZoneOffset.UTC)).isEqualTo(NOW.plusSeconds(60));
  }

  private static RateLimitInfo scoped(Scope scope) {
    return new RateLimitInfo(null, null, null, null, null, null, null, scope, null);
  }
}
