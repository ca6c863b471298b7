package dev.coracle.activities.quota;

import dev.coracle.activities.config.CoracleConfig.LimitsConfig;
import java.util.List;
import java.util.Locale;

/**
 * A free tier's limits for one model or one shared pool. A value of 0 means there is no such limit.
 */
public record Limits(
    int requestsPerMinute,
    int requestsPerHour,
    int requestsPerDay,
    int tokensPerMinute,
    int tokensPerHour,
    int tokensPerDay) {

  /** No limits at all: a local model, or a provider the catalog does not know. */
  public static final Limits NONE = new Limits(0, 0, 0, 0, 0, 0);

  public Limits {
    if (requestsPerMinute < 0
        || requestsPerHour < 0
        || requestsPerDay < 0
        || tokensPerMinute < 0
        || tokensPerHour < 0
        || tokensPerDay < 0) {
      throw new IllegalArgumentException("limits must not be negative: " + this);
    }
  }

  /** The request limit of a window, 0 for none. */
  public int requests(WindowKind window) {
    return switch (window) {
      case MINUTE -> requestsPerMinute;
      case HOUR -> requestsPerHour;
      case DAY -> requestsPerDay;
    };
  }

  /** The token limit of a window, 0 for none. */
  public int tokens(WindowKind window) {
    return switch (window) {
      case MINUTE -> tokensPerMinute;
      case HOUR -> tokensPerHour;
      case DAY -> tokensPerDay;
    };
  }

  public boolean unlimited() {
    return equals(NONE);
  }

  /**
   * These limits with a configured override applied: a null field keeps this value, 0 removes the
   * limit. The configuration has no tokens-per-hour key, so that limit is always kept.
   */
  public Limits with(LimitsConfig override) {
    if (override == null) {
      return this;
    }
    return new Limits(
        pick(override.requestsPerMinute(), requestsPerMinute),
        pick(override.requestsPerHour(), requestsPerHour),
        pick(override.requestsPerDay(), requestsPerDay),
        pick(override.tokensPerMinute(), tokensPerMinute),
        tokensPerHour,
        pick(override.tokensPerDay(), tokensPerDay));
  }

  /**
   * These limits capped by what the upstream reported: each learned limit replaces the configured
   * one of its window when it is lower, or when none is configured.
   */
  Limits cappedBy(List<LearnedLimitRow> learned) {
    int[] requests = {requestsPerMinute, requestsPerHour, requestsPerDay};
    int[] tokens = {tokensPerMinute, tokensPerHour, tokensPerDay};
    for (LearnedLimitRow row : learned) {
      int index = WindowKind.valueOf(row.windowKind().toUpperCase(Locale.ROOT)).ordinal();
      int[] unit = LimitReports.TOKENS.equals(row.unit()) ? tokens : requests;
      unit[index] = lower(unit[index], row.limitValue());
    }
    return new Limits(requests[0], requests[1], requests[2], tokens[0], tokens[1], tokens[2]);
  }

  /** The lower of two limits where 0 means none. */
  private static int lower(int configured, int learned) {
    if (learned <= 0) {
      return configured;
    }
    return configured == 0 ? learned : Math.min(configured, learned);
  }

  private static int pick(Integer override, int current) {
    if (override == null) {
      return current;
    }
    if (override < 0) {
      throw new IllegalArgumentException("a configured limit must not be negative: " + override);
    }
    return override;
  }
}
