package dev.coracle.activities.quota;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

/**
 * What coracle learned about a provider's model, or the whole provider (model {@code *}), a row of
 * the {@code provider_state} table. Times are epoch milliseconds; null means unknown.
 *
 * @param cooldownUntil no call before this moment (after HTTP 429)
 * @param disabled the upstream refused the key (HTTP 401/403); no call until it is enabled
 * @param remainingRequests what the upstream's headers said was left, less the calls admitted since
 * @param learnedAt when the upstream last reported its limits
 */
@MappedEntity("provider_state")
record ProviderState(
    @Id @GeneratedValue @Nullable Long id,
    String provider,
    String model,
    @Nullable Long cooldownUntil,
    @Nullable String cooldownReason,
    boolean disabled,
    @Nullable String disabledReason,
    @Nullable String lastError,
    @Nullable Long lastErrorAt,
    @Nullable Integer limitRequests,
    @Nullable Integer remainingRequests,
    @Nullable Long requestsResetAt,
    @Nullable Integer limitTokens,
    @Nullable Integer remainingTokens,
    @Nullable Long tokensResetAt,
    @Nullable Long learnedAt,
    long updatedAt) {}
