package dev.coracle.activities.metrics;

import dev.coracle.activities.quota.ModelQuota;
import dev.coracle.activities.quota.QuotaLedger;
import dev.coracle.activities.quota.WindowQuota;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The free-tier quotas and cooldowns as gauges. They are read from the quota ledger once per scrape
 * ({@link #refresh()}, one query of the store), not once per gauge, and not at all between scrapes.
 * Series are per configured provider, model and window, so they are bounded by the configuration.
 * With metrics off there are no gauges and nothing is read.
 */
@Singleton
public class QuotaGauges {
  private final QuotaLedger ledger;
  private final Clock clock;
  private final MultiGauge requestsUsed;
  private final MultiGauge requestsLeft;
  private final MultiGauge tokensUsed;
  private final MultiGauge tokensLeft;
  private final MultiGauge cooldown;

  public QuotaGauges(CoracleMetrics metrics, QuotaLedger ledger, Clock clock) {
    this.ledger = ledger;
    this.clock = clock;
    MeterRegistry registry = metrics.registry().orElse(null);
    if (registry == null) {
      requestsUsed = requestsLeft = tokensUsed = tokensLeft = cooldown = null;
      return;
    }
    this.requestsUsed =
        MultiGauge.builder(MeterNames.QUOTA_REQUESTS_USED)
            .description("Requests counted in the free-tier window that holds now")
            .register(registry);
    this.requestsLeft =
        MultiGauge.builder(MeterNames.QUOTA_REQUESTS_LEFT)
            .description("Requests left in the free-tier window (windows with a request limit)")
            .register(registry);
    this.tokensUsed =
        MultiGauge.builder(MeterNames.QUOTA_TOKENS_USED)
            .description("Tokens counted in the free-tier window, estimates of calls in flight too")
            .register(registry);
    this.tokensLeft =
        MultiGauge.builder(MeterNames.QUOTA_TOKENS_LEFT)
            .description("Tokens left in the free-tier window (windows with a token limit)")
            .register(registry);
    this.cooldown =
        MultiGauge.builder(MeterNames.PROVIDER_COOLDOWN)
            .description("Seconds until the provider's longest cooldown ends; 0 when none holds")
            .baseUnit("seconds")
            .register(registry);
  }

  /** Reads the ledger and sets every gauge; called just before {@code /metrics} is rendered. */
  public void refresh() {
    if (requestsUsed == null) {
      return;
    }
    List<ModelQuota> models = ledger.snapshot();
    Instant now = clock.instant();
    requestsUsed.register(rows(models, w -> w.requestsUsed(), false), true);
    requestsLeft.register(rows(models, w -> w.requestsLeft(), true), true);
    tokensUsed.register(rows(models, w -> w.tokensUsed(), false), true);
    tokensLeft.register(rows(models, w -> w.tokensLeft(), true), true);
    Map<String, Long> secondsLeft = new HashMap<>();
    for (ModelQuota model : models) {
      long seconds =
          model.cooldownUntil() == null
              ? 0
              : Math.max(0, Duration.between(now, model.cooldownUntil()).toSeconds());
      secondsLeft.merge(model.provider(), seconds, Math::max);
    }
    List<MultiGauge.Row<?>> cooldowns = new ArrayList<>();
    secondsLeft.forEach(
        (provider, seconds) ->
            cooldowns.add(MultiGauge.Row.of(Tags.of("provider", provider), seconds)));
    cooldown.register(cooldowns, true);
  }

  /**
   * One row per model and window. A model's share of its provider's pool is listed under {@code
   * pool="shared"}; the same pool row repeats for each model of the provider, so the first wins.
   */
  private static List<MultiGauge.Row<?>> rows(
      List<ModelQuota> models, Function<WindowQuota, Long> value, boolean limitedOnly) {
    Map<Tags, Long> values = new LinkedHashMap<>();
    for (ModelQuota model : models) {
      for (WindowQuota window : model.windows()) {
        Long number = value.apply(window);
        if (number == null && limitedOnly) {
          continue;
        }
        Tags tags =
            Tags.of(
                "provider",
                model.provider(),
                "model",
                window.shared() ? "*" : model.model(),
                "window",
                window.window().column(),
                "pool",
                window.shared() ? "shared" : "model");
        values.putIfAbsent(tags, number == null ? 0 : number);
      }
    }
    List<MultiGauge.Row<?>> rows = new ArrayList<>();
    values.forEach((tags, number) -> rows.add(MultiGauge.Row.of(tags, number)));
    return rows;
  }
}
