package dev.coracle.activities.quota;

import java.time.ZoneId;
import java.util.List;

/**
 * One model as the ledger counts it, with its catalog facts resolved.
 *
 * @param shared whether the provider's models also count against one pool ({@code *})
 * @param poolLimits the pool's limits; {@link Limits#NONE} without a pool
 */
record Target(
    String provider, String model, boolean shared, ZoneId zone, Limits limits, Limits poolLimits) {

  static Target of(FreeTierCatalog catalog, String provider, String model) {
    return new Target(
        provider,
        model,
        catalog.sharesLimits(provider),
        catalog.resetZone(provider),
        catalog.limits(provider, model),
        catalog.sharedLimits(provider));
  }

  /**
   * This target with the limits its upstream reported applied to the row they were learned for: the
   * pool's when the provider has one, else the model's.
   */
  Target cappedBy(List<LearnedLimitRow> learned) {
    List<LearnedLimitRow> mine =
        learned.stream()
            .filter(row -> row.provider().equals(provider) && row.model().equals(upstreamRow()))
            .toList();
    if (mine.isEmpty()) {
      return this;
    }
    return shared
        ? new Target(provider, model, true, zone, limits, poolLimits.cappedBy(mine))
        : new Target(provider, model, false, zone, limits.cappedBy(mine), poolLimits);
  }

  /** Whether neither the model nor its pool has any limit, so no window can refuse a call. */
  boolean unlimited() {
    return limits.unlimited() && poolLimits.unlimited();
  }

  /** The model the pool's rows are stored under; the model itself without a pool. */
  String pool() {
    return shared ? QuotaStore.ALL : model;
  }

  /**
   * Where an upstream's limits and 429s are recorded: the pool when the provider has one, since its
   * headers then describe the account, else the model.
   */
  String upstreamRow() {
    return pool();
  }

  String label() {
    return provider + "/" + model;
  }

  /** How a person names a state or usage row of this target's provider. */
  String label(String rowModel) {
    if (!QuotaStore.ALL.equals(rowModel)) {
      return provider + "/" + rowModel;
    }
    return shared ? provider + " (all models together)" : provider;
  }
}
