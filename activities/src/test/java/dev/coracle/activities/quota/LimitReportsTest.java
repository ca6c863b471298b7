package dev.coracle.activities.quota;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coracle.activities.providers.RateLimitInfo;
import dev.coracle.activities.providers.RateLimitInfo.Scope;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class LimitReportsTest {

  static final Instant NOW = Instant.parse("2026-11-20T12:00:00Z");

  private static WindowKind requestsWindow(RateLimitInfo info) {
    List<LearnedLimitRow> rows = LimitReports.read("p", "m", info, NOW);
    assertThat(rows).hasSize(1);
    return WindowKind.valueOf(rows.get(0).windowKind().toUpperCase(java.util.Locale.ROOT));
  }

  private static RateLimitInfo requests(Integer remaining, Duration reset, Scope scope) {
    return new RateLimitInfo(
        5, remaining, null, null, reset == null ? null : NOW.plus(reset), null, null, scope, null);
  }

  @Test
  void an_unnamed_window_is_told_from_its_reset() {
    assertThat(requestsWindow(requests(4, Duration.ofSeconds(7), null)))
        .isEqualTo(WindowKind.MINUTE);
    assertThat(requestsWindow(requests(4, Duration.ofMinutes(6), null)))
        .as("a per-day limit with a rolling reset is capped per hour: less, never more")
        .isEqualTo(WindowKind.HOUR);
    assertThat(requestsWindow(requests(4, Duration.ofHours(13), null))).isEqualTo(WindowKind.DAY);
    assertThat(requestsWindow(requests(4, null, null)))
        .as("without a reset, the shortest window, which caps least")
        .isEqualTo(WindowKind.MINUTE);
  }

  @Test
  void a_window_the_upstream_names_is_taken_as_named() {
    assertThat(requestsWindow(requests(0, Duration.ofSeconds(30), Scope.DAY)))
        .as("Cerebras' -requests-day count that ran out")
        .isEqualTo(WindowKind.DAY);
    RateLimitInfo gemini =
        new RateLimitInfo(
            null,
            null,
            250000,
            0,
            null,
            null,
            Duration.ofSeconds(47),
            Scope.MINUTE,
            "GenerateContentInputTokensPerModelPerMinute-FreeTier");
    List<LearnedLimitRow> rows = LimitReports.read("gemini", "m", gemini, NOW);
    assertThat(rows)
        .extracting(LearnedLimitRow::unit, LearnedLimitRow::windowKind, LearnedLimitRow::source)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "tokens", "minute", "GenerateContentInputTokensPerModelPerMinute-FreeTier"));
  }

  @Test
  void a_learned_limit_caps_only_when_lower_or_when_none_is_configured() {
    Limits configured = new Limits(30, 0, 1000, 0, 0, 0);
    List<LearnedLimitRow> learned =
        List.of(
            new LearnedLimitRow(null, "p", "m", "minute", "requests", 5, "h", 0),
            new LearnedLimitRow(null, "p", "m", "day", "requests", 5000, "h", 0),
            new LearnedLimitRow(null, "p", "m", "minute", "tokens", 6000, "h", 0));

    assertThat(configured.cappedBy(learned)).isEqualTo(new Limits(5, 0, 1000, 6000, 0, 0));
  }
}
