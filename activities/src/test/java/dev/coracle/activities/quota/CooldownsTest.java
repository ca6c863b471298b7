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

  /**
   * Gemini answers a per-day 429 with a {@code RetryInfo} of seconds ("47s"); trusting it costs a
   * wasted 429 every minute until midnight Pacific. A day or an hour that ran out therefore rests
   * the model until that window resets, whatever the delay says.
   */
  @Test
  void a_per_day_quota_waits_for_midnight_pacific_however_short_the_retry_delay() {
    ZoneId pacific = ZoneId.of("America/Los_Angeles");
    RateLimitInfo perDay =
        new RateLimitInfo(
            250,
            0,
            null,
            null,
            null,
            null,
            Duration.ofSeconds(47),
            Scope.DAY,
            "GenerateRequestsPerDayPerProjectPerModel-FreeTier");

    assertThat(Cooldowns.until(perDay, NOW, pacific))
        .as("midnight PST is 08:00 UTC in November")
        .isEqualTo(Instant.parse("2026-11-21T08:00:00Z"));
    Instant summer = Instant.parse("2026-07-01T12:00:00Z");
    assertThat(Cooldowns.until(perDay, summer, pacific))
        .as("midnight PDT is 07:00 UTC in July")
        .isEqualTo(Instant.parse("2026-07-02T07:00:00Z"));
  }

  @Test
  void a_long_window_that_ran_out_waits_for_its_own_reset_before_the_retry_delay() {
    RateLimitInfo dayOut =
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

    assertThat(Cooldowns.until(dayOut, NOW, ZoneOffset.UTC)).isEqualTo(NOW.plusSeconds(600));
  }

  @Test
  void a_retry_delay_longer_than_the_windows_reset_is_still_honoured() {
    RateLimitInfo hour =
        new RateLimitInfo(
            null, null, null, null, null, null, Duration.ofHours(2), Scope.HOUR, null);

    assertThat(Cooldowns.until(hour, NOW, ZoneOffset.UTC)).isEqualTo(NOW.plus(Duration.ofHours(2)));
  }

  @Test
  void a_per_minute_quota_uses_the_retry_delay() {
    RateLimitInfo perMinute =
        new RateLimitInfo(
            10,
            0,
            null,
            null,
            NOW.plusSeconds(40),
            null,
            Duration.ofSeconds(13),
            Scope.MINUTE,
            "GenerateRequestsPerMinutePerProjectPerModel-FreeTier");

    assertThat(Cooldowns.until(perMinute, NOW, ZoneOffset.UTC)).isEqualTo(NOW.plusSeconds(13));
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
