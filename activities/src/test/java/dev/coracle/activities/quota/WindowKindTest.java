package dev.coracle.activities.quota;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class WindowKindTest {

  static final ZoneId PACIFIC = ZoneId.of("America/Los_Angeles");

  @Test
  void windows_are_aligned_to_the_clock() {
    Instant now = Instant.parse("2026-11-20T12:34:56.789Z");

    assertThat(WindowKind.MINUTE.start(now, ZoneOffset.UTC))
        .isEqualTo(Instant.parse("2026-11-20T12:34:00Z"));
    assertThat(WindowKind.MINUTE.end(now, ZoneOffset.UTC))
        .isEqualTo(Instant.parse("2026-11-20T12:35:00Z"));
    assertThat(WindowKind.HOUR.start(now, ZoneOffset.UTC))
        .isEqualTo(Instant.parse("2026-11-20T12:00:00Z"));
    assertThat(WindowKind.DAY.start(now, ZoneOffset.UTC))
        .isEqualTo(Instant.parse("2026-11-20T00:00:00Z"));
    assertThat(WindowKind.DAY.end(now, ZoneOffset.UTC))
        .isEqualTo(Instant.parse("2026-11-21T00:00:00Z"));
  }

  @Test
  void a_pacific_day_starts_at_08_utc_in_winter_and_07_utc_in_summer() {
    assertThat(WindowKind.DAY.start(Instant.parse("2026-11-20T07:59:59Z"), PACIFIC))
        .isEqualTo(Instant.parse("2026-11-19T08:00:00Z"));
    assertThat(WindowKind.DAY.start(Instant.parse("2026-11-20T08:00:00Z"), PACIFIC))
        .isEqualTo(Instant.parse("2026-11-20T08:00:00Z"));
    assertThat(WindowKind.DAY.end(Instant.parse("2026-07-15T06:59:59Z"), PACIFIC))
        .isEqualTo(Instant.parse("2026-07-15T07:00:00Z"));
  }

  @Test
  void the_day_daylight_saving_time_ends_lasts_25_hours() {
    // 2026-11-01 is the first Sunday of November, when Pacific time falls back an hour.
    Instant during = Instant.parse("2026-11-01T20:00:00Z");

    assertThat(
            Duration.between(
                WindowKind.DAY.start(during, PACIFIC), WindowKind.DAY.end(during, PACIFIC)))
        .isEqualTo(Duration.ofHours(25));
  }
}
