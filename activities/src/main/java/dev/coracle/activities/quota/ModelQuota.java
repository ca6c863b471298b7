package dev.coracle.activities.quota;

import java.time.Instant;
import java.util.List;

/**
 * Where one configured model stands: its windows, cooldown, errors and what it saved.
 *
 * @param catalog the catalog entry the provider uses
 * @param windows minute, hour and day of the model, then those of the provider's shared pool
 * @param unavailable why a call would be refused now, or null when it would be admitted
 * @param availableAt when a call can be admitted again; null when available, or when waiting does
 *     not help
 * @param cooldownUntil null when no cooldown holds
 * @param disabled the provider is disabled (its key was refused)
 * @param learned what the upstream's headers last said, or null
 * @param learnedLimits the limits the upstream reported, each capping its window's configured one
 * @param callsToday requests counted in today's window (in the provider's reset zone)
 * @param tokensToday tokens counted today, estimates of calls in flight included
 * @param price the list price the tokens are valued at, or null when unknown
 * @param contextWindow tokens the model accepts on its free tier, or null when unknown
 */
public record ModelQuota(
    String provider,
    String model,
    String catalog,
    boolean local,
    List<WindowQuota> windows,
    String unavailable,
    Instant availableAt,
    Instant cooldownUntil,
    String cooldownReason,
    boolean disabled,
    String disabledReason,
    String lastError,
    Instant lastErrorAt,
    LearnedLimits learned,
    List<LearnedLimit> learnedLimits,
    long callsToday,
    long tokensToday,
    long callsAllTime,
    long promptTokensAllTime,
    long completionTokensAllTime,
    Price price,
    Savings savings,
    Integer contextWindow) {

  public ModelQuota {
    windows = List.copyOf(windows);
    learnedLimits = List.copyOf(learnedLimits);
  }

  public boolean available() {
    return unavailable == null;
  }
}
