package dev.coracle.api.metrics;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;

/**
 * The Temporal SDK asks for Micrometer's full percentile histogram on each of its timers: about 70
 * buckets per series, over a thousand series on an idle coracle. Ten fixed buckets keep {@code
 * histogram_quantile} usable at a tenth of the series.
 */
final class TemporalHistograms implements MeterFilter {
  private static final String PREFIX = "temporal_";

  private static final DistributionStatisticConfig BUCKETS =
      DistributionStatisticConfig.builder()
          .percentilesHistogram(false)
          .serviceLevelObjectives(
              seconds(0.001),
              seconds(0.005),
              seconds(0.01),
              seconds(0.05),
              seconds(0.1),
              seconds(0.5),
              seconds(1),
              seconds(5),
              seconds(10),
              seconds(60))
          .build();

  @Override
  public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
    if (id.getType() != Meter.Type.TIMER || !id.getName().startsWith(PREFIX)) {
      return config;
    }
    return BUCKETS.merge(config);
  }

  /** Timer buckets are given in nanoseconds. */
  private static double seconds(double seconds) {
    return seconds * 1_000_000_000d;
  }
}
